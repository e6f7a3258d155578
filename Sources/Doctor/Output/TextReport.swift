// Renders a report as `onramp doctor` prints it: one line per area, findings and fixes under it,
// and with `verbose` the explanation and the evidence too.

import PlainText

public struct TextReport: Sendable {
    public var verbose: Bool
    public var glyphs: Glyphs
    public var runningAsRoot: Bool

    public init(verbose: Bool, glyphs: Glyphs, runningAsRoot: Bool = false) {
        self.verbose = verbose
        self.glyphs = glyphs
        self.runningAsRoot = runningAsRoot
    }

    public func render(_ report: DoctorReport) -> String {
        var out: [String] = [verbose ? "Doctor report:" : "Doctor summary (to see why and the evidence, run onramp doctor -v):"]
        for section in report.sections {
            out.append("\(glyphs.area(section.status)) \(section.area.name): \(section.summary)")
            for finding in section.findings {
                out += lines(for: finding, family: report.family)
            }
        }
        out.append("")
        out += closing(report)
        return out.joined(separator: "\n") + "\n"
    }

    private func lines(for finding: Finding, family: DistroFamily) -> [String] {
        let indent = "      "
        var out = ["    \(glyphs.finding(finding.severity)) \(finding.title)"]
        if finding.notTheCause { out.append(indent + "(Worth doing, but not what stops models here.)") }
        if verbose {
            out += TextWrap.lines(finding.explanation, width: 72, splittingLongWords: false).map { indent + $0 }
            if !finding.evidence.isEmpty {
                out.append(indent + "Evidence:")
                out += finding.evidence.map { indent + "  " + $0 }
            }
        }
        let steps = finding.fix?.steps(for: family) ?? []
        for (index, step) in steps.enumerated() {
            let label = index == 0 ? "Fix: " : "     "
            switch step {
            case .command(let text): out.append(indent + label + "$ " + text)
            case .manual(let text):
                // Prose wraps; commands never do, so they stay copy-pasteable.
                let wrapped = TextWrap.lines(text, width: 66, splittingLongWords: false)
                out += wrapped.enumerated().map { indent + ($0.offset == 0 ? label : "     ") + $0.element }
            }
        }
        if verbose, finding.id != Finding.checkFailedID {
            out.append(indent + "More: onramp doctor --explain \(finding.id)")
        }
        return out
    }

    private func closing(_ report: DoctorReport) -> [String] {
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        guard errors + warnings > 0 else {
            let done = "\(glyphs.finding(.ok)) No problems found. Next: try a model with onramp run MODEL.gguf -p TEXT"
            return report.count(.info) > 0 ? [done, "  Marks: \(glyphs.finding(.info)) \(Self.markWord(.info))"] : [done]
        }
        var parts: [String] = []
        if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        var out = ["\(glyphs.finding(report.worst)) Found \(parts.joined(separator: " and "))."]
        if errors + warnings > 1, let top = report.topFinding {
            out.append("  Fix first: \(top.title)")
        }
        // Name what --fix would fix: a count alone leaves the reader guessing which.
        let fixable = report.fixable.filter { $0.severity >= .warning }
        if fixable.count == 1, let only = fixable.first {
            out.append("  Onramp can fix one of them for you (run onramp doctor --fix): \(only.title)")
        } else if fixable.count > 1 {
            out.append("  Onramp can fix \(fixable.count) of them for you (run onramp doctor --fix):")
            out += fixable.map { "    - \($0.title)" }
        }
        // Every mark the report used, in words (the area's [✓] needs none; "•" does).
        let used = Severity.allCases.reversed().filter { $0 != .ok && report.count($0) > 0 }
        out.append("  Marks: " + used.map { "\(glyphs.finding($0)) \(Self.markWord($0))" }.joined(separator: ", "))
        return out
    }

    static func markWord(_ severity: Severity) -> String {
        switch severity {
        case .error: "stops models or the GPU"
        case .warning: "worth fixing"
        case .info: "for your information"
        case .ok: "fine"
        }
    }
}
