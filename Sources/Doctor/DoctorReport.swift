// The doctor's answer for one machine: findings grouped by area, each area with its worst status.

import Probe

public struct DoctorReport: Sendable {
    /// One line per area, as `onramp doctor` and the wizard's Checks screen show it.
    public struct Section: Sendable, Equatable {
        public var area: Area
        /// The worst severity among its findings; `.ok` when it has none.
        public var status: Severity
        /// What the probe saw, in a few words ("8 cores, AVX2").
        public var summary: String
        public var findings: [Finding]
    }

    public var family: DistroFamily
    public var sections: [Section]

    public init(facts: MachineFacts, findings: [Finding]) {
        family = AreaSummary.distroFamily(facts)
        let causeFound = findings.contains { $0.severity >= .warning && !$0.advice }
        let findings = findings.map { finding in
            var marked = finding
            marked.notTheCause = causeFound && finding.advice
            return marked
        }
        // A card the container cannot reach is no ✓ on the Graphics line, whichever area says why.
        let unreachable = findings.first { Self.gpuUnreachableIDs.contains($0.id) }
        sections = Area.allCases.map { area in
            let mine = findings.filter { $0.area == area }
                .sorted { ($0.severity, $1.id) > ($1.severity, $0.id) }
            var status = mine.map(\.severity).max() ?? .ok
            var summary = AreaSummary.line(for: area, facts: facts)
            if area == .gpu, let unreachable, unreachable.area != .gpu {
                status = max(status, unreachable.severity)
                summary += "; not reachable from this container"
            }
            return Section(area: area, status: status, summary: summary, findings: mine)
        }
    }

    /// Findings, reported in another area, that mean the graphics card cannot be used from here.
    static let gpuUnreachableIDs: Set<String> = ["container.gpu-not-passed"]

    /// All findings, in display order.
    public var findings: [Finding] { sections.flatMap(\.findings) }

    /// The finding to fix first: the first error, else the first warning that can stop models
    /// (advice such as "no swap" only when nothing else is wrong), in display order.
    public var topFinding: Finding? {
        findings.first { $0.severity == .error }
            ?? findings.first { $0.severity == .warning && !$0.advice }
            ?? findings.first { $0.severity == .warning }
    }

    /// Sorted ids, the form the profiles' golden `expectedFindings` use.
    public var findingIDs: [String] { findings.map(\.id).sorted() }

    public var worst: Severity { sections.map(\.status).max() ?? .ok }

    /// 0 when nothing is an error, 1 otherwise (warnings alone do not fail).
    public var exitStatus: Int32 { worst == .error ? 1 : 0 }

    public func count(_ severity: Severity) -> Int {
        findings.filter { $0.severity == severity }.count
    }

    /// Findings Onramp can fix itself, for `--fix` and the Checks screen.
    public var fixable: [Finding] { findings.filter { $0.action != nil } }
}
