// The `onramp doctor --json` document; its schema is described in docs/doctor.md (schemaVersion 1).

import Foundation

public enum JSONReport {
    public static let schemaVersion = 1

    struct Document: Encodable {
        var schemaVersion: Int
        var onrampVersion: String
        var profile: String?
        var distroFamily: DistroFamily
        var status: Severity
        var exitStatus: Int32
        var counts: Counts
        var areas: [AreaEntry]
        var findings: [FindingEntry]
        /// The id of the finding to fix first (`DoctorReport.topFinding`); absent when nothing is wrong.
        var topFinding: String?
    }

    struct Counts: Encodable {
        var error: Int
        var warning: Int
        var info: Int
    }

    struct AreaEntry: Encodable {
        var id: Area
        var name: String
        var status: Severity
        var summary: String
        var findingIDs: [String]
    }

    struct FindingEntry: Encodable {
        var id: String
        var area: Area
        var severity: Severity
        var title: String
        var explanation: String
        var evidence: [String]
        /// The steps for this machine's distribution family.
        var fix: [FixStep]
        var action: ActionEntry?
        /// Present (true) when another finding explains what is wrong and this one does not.
        var notTheCause: Bool?
    }

    struct ActionEntry: Encodable {
        var id: String
        var changes: String
        var commands: [[String]]
        var needsRoot: Bool
        var afterwards: FixAction.Afterwards
    }

    /// Pretty-printed with sorted keys, so output is stable for golden tests and diffs.
    public static func render(_ report: DoctorReport, onrampVersion: String, profile: String?) throws -> String {
        let document = Document(
            schemaVersion: schemaVersion, onrampVersion: onrampVersion, profile: profile,
            distroFamily: report.family, status: report.worst, exitStatus: report.exitStatus,
            counts: Counts(
                error: report.count(.error), warning: report.count(.warning), info: report.count(.info)),
            areas: report.sections.map {
                AreaEntry(
                    id: $0.area, name: $0.area.name, status: $0.status, summary: $0.summary,
                    findingIDs: $0.findings.map(\.id))
            },
            findings: report.findings.map { finding in
                FindingEntry(
                    id: finding.id, area: finding.area, severity: finding.severity, title: finding.title,
                    explanation: finding.explanation, evidence: finding.evidence,
                    fix: finding.fix?.steps(for: report.family) ?? [],
                    action: finding.action.map {
                        ActionEntry(
                            id: $0.id, changes: $0.changes, commands: $0.commands, needsRoot: $0.needsRoot,
                            afterwards: $0.afterwards)
                    },
                    notTheCause: finding.notTheCause ? true : nil)
            },
            topFinding: report.topFinding?.id)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
