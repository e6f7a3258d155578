// The report as Markdown that reads well pasted into a GitHub issue or a forum post: the status
// and the summary table first, then every finding, and the rest folded under <details> blocks.
// Text is escaped so placeholders such as <user> show as written instead of vanishing as HTML.

import Doctor
import Foundation
import PlainText
import Probe

public enum ReportMarkdown {
    public static func render(_ report: DiagnosticsReport) -> String {
        var out: [String] = ["## Onramp diagnostics report", ""]
        out.append("**\(mark(report.status == .info ? .ok : report.status)) \(statusWords(report))** · Onramp \(inline(report.onrampVersion)) · \(escape(report.machine)) · \(escape(report.created))")
        out.append("")
        out.append("| | |")
        out.append("| --- | --- |")
        out += report.summary.map { "| \(escape($0.label)) | \(escape($0.value)) |" }
        out.append("")
        if !report.findings.isEmpty {
            out.append("### Findings")
            out.append("")
            out += report.findings.map { "- \(mark($0.severity)) **\(escape($0.title))** (\(inline($0.id)))" }
            out.append("")
            out += folded("Why each finding matters, its evidence and fix", findingDetails(report.findings))
        }
        out += folded("Doctor: one line per area", report.areas.map { "- \(mark($0.status)) \(escape($0.name)): \(escape($0.summary))" })
        out += folded("Machine facts (as `onramp probe` shows them)", codeBlock(factsText(report.facts)))
        if !report.settings.isEmpty {
            out += folded("Onramp settings (environment)", table(["Variable", "Value"], report.settings.map { [inline($0.label), escape($0.value)] }))
        }
        if let selfTest = report.selfTest { out += folded("Self-test (\(selfTest.passed ? "passed" : "failed"))", selfTestLines(selfTest)) }
        if let bench = report.bench { out += folded("Benchmark", benchLines(bench)) }
        if !report.models.isEmpty {
            out += folded("Models in Onramp's store (\(report.models.count))", table(
                ["Model", "Size", "Architecture", "Source"],
                report.models.map { [escape($0.name), NumberText.bytes($0.sizeBytes), $0.architecture.map(escape) ?? "?", inline($0.source)] }))
        }
        if !report.commands.isEmpty {
            let lines = report.commands.map { command in
                var line = command.outcome.text + (command.exitStatus.map { " (exit \($0))" } ?? "") + ": " + command.command.text
                if let note = command.note { line += " — " + note.text }
                return line
            }
            out += folded("Tools the probe looked for (\(report.commands.count))", codeBlock(lines.joined(separator: "\n")))
        }
        for note in report.notes { out += ["> " + escape(note), ""] }
        // Onramp's own words and counts, nothing from the machine: escaped, not redacted.
        out.append("<sub>\(escapeText(redactionLine(report.redactions)))</sub>")
        return out.joined(separator: "\n") + "\n"
    }

    /// "Replaced before sharing: 1 user name (4 places), 2 MAC addresses, …", or that nothing was.
    public static func redactionLine(_ counts: [RedactionCount]) -> String {
        guard !counts.isEmpty else {
            return "Made by onramp report. Nothing identifying was found to replace; read it over before you share it."
        }
        let parts = counts.map { count in
            "\(count.values) \(count.kind.noun)\(count.values == 1 ? "" : "s")" + (count.places > count.values ? " (\(count.places) places)" : "")
        }
        return "Made by onramp report. Replaced before sharing: " + parts.joined(separator: ", ") + "."
    }

    private static func statusWords(_ report: DiagnosticsReport) -> String {
        switch report.status {
        case .error: "Something stops models from running well"
        case .warning: "Models run, with problems worth fixing"
        case .info, .ok: "No problems found"
        }
    }

    static func mark(_ severity: Severity) -> String {
        switch severity {
        case .error: "✗"
        case .warning: "!"
        case .info: "i"
        case .ok: "✓"
        }
    }

    private static func findingDetails(_ findings: [ReportFinding]) -> [String] {
        var out: [String] = []
        for finding in findings {
            out.append("#### \(mark(finding.severity)) \(escape(finding.title))")
            out.append("")
            out.append("\(inline(finding.id)) · \(finding.severity.rawValue)")
            out.append("")
            out.append(escape(finding.explanation))
            out.append("")
            if !finding.evidence.isEmpty {
                out.append("Evidence:")
                out.append("")
                out += codeBlock(finding.evidence.map(\.text).joined(separator: "\n"))
            }
            if !finding.fix.isEmpty {
                out.append("Fix:")
                out.append("")
                for step in finding.fix {
                    if step.kind.text == "command" {
                        out += codeBlock(step.text.text, language: "sh")
                    } else {
                        out += ["- " + escape(step.text), ""]
                    }
                }
            }
        }
        return out
    }

    private static func factsText(_ sections: [DiagnosticsReport.FactSection]) -> String {
        sections.map { section in
            let width = section.rows.map(\.label.text.count).max() ?? 0
            let rows = section.rows.map { "  " + $0.label.text.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.value.text }
            return ([section.title.text] + rows).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    private static func selfTestLines(_ selfTest: ReportSelfTest) -> [String] {
        var rows: [[String]] = [
            ["Ran", escape(selfTest.ran)],
            ["Result", selfTest.passed ? "every check passed (\(selfTest.checks))" : "\(selfTest.failedChecks.count) of \(selfTest.checks) checks failed"],
            ["Kernel path", inline(selfTest.kernelPath)],
        ]
        if let model = selfTest.model { rows.append(["Model", escape(model)]) }
        if let prompt = selfTest.promptTokensPerSecond { rows.append(["Prompt", String(format: "%.1f tokens/s", prompt)]) }
        if let generation = selfTest.generationTokensPerSecond { rows.append(["Generation", String(format: "%.1f tokens/s", generation)]) }
        var out = table(["", ""], rows)
        out += selfTest.failedChecks.map { "- ✗ \(escape($0.name)): \(escape($0.detail))" }
        // The self-test repeats a failed model check as a message; say it once.
        let listed = Set(selfTest.failedChecks.map { $0.name.text + ": " + $0.detail.text })
        out += selfTest.messages.filter { !listed.contains($0.text) }.map { "- " + escape($0) }
        if !selfTest.failedChecks.isEmpty || !selfTest.messages.isEmpty { out.append("") }
        return out
    }

    private static func benchLines(_ bench: ReportBench) -> [String] {
        var out = ["\(escape(bench.model)), \(bench.threads) threads, \(escape(bench.ran))", ""]
        out += table(["Test", "Tokens/s (median)", "± (std. dev.)"], bench.tests.map {
            [inline($0.test), String(format: "%.2f", $0.tokensPerSecond), String(format: "%.2f", $0.standardDeviation)]
        })
        return out
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: header.count)]
            + rows.map { "| " + $0.joined(separator: " | ") + " |" } + [""]
    }

    /// A block GitHub folds: blank lines around the content so Markdown inside still renders.
    private static func folded(_ summary: String, _ content: [String]) -> [String] {
        ["<details>", "<summary>\(summaryEscape(summary))</summary>", ""] + content + (content.last == "" ? [] : [""]) + ["</details>", ""]
    }

    /// Inside <summary> Markdown is not read, so only HTML needs escaping; backticks stay as they are.
    private static func summaryEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A fence longer than any run of backticks inside, so nothing in the text can close it.
    static func codeBlock(_ text: String, language: String = "text") -> [String] {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return [fence + language] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [fence, ""]
    }

    /// Inline code; `|` still needs its backslash inside a table.
    static func inline(_ text: RedactedText) -> String {
        let body = text.text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        let fence = body.contains("`") ? "`` " : "`"
        return fence + body + (fence == "`" ? "`" : " ``")
    }

    /// Plain text safe in a paragraph or a table cell: HTML and Markdown punctuation escaped.
    static func escape(_ text: RedactedText) -> String {
        escapeText(text.text)
    }

    /// Onramp's sentences mark commands with backticks: those spans stay code (where nothing needs
    /// escaping but `|` in a table); the rest is escaped. An unpaired backtick is escaped like any other.
    private static func escapeText(_ text: String) -> String {
        let pieces = text.replacingOccurrences(of: "\n", with: " ").split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count > 1, pieces.count % 2 == 1 else { return escapePlain(text) }
        return pieces.enumerated().map { index, piece in
            index % 2 == 1 ? "`" + piece.replacingOccurrences(of: "|", with: "\\|") + "`" : escapePlain(piece)
        }.joined()
    }

    private static func escapePlain(_ text: String) -> String {
        let characters = Array(text.replacingOccurrences(of: "\n", with: " "))
        var out = ""
        for (index, character) in characters.enumerated() {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "|", "*", "`", "[", "]": out += "\\" + String(character)
            case "_":
                // Inside a word (avx512_vnni) an underscore never starts emphasis; elsewhere it may.
                let inside = index > 0 && index + 1 < characters.count && characters[index - 1].isLetterOrNumber && characters[index + 1].isLetterOrNumber
                out += inside ? "_" : "\\_"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Character {
    fileprivate var isLetterOrNumber: Bool { isLetter || isNumber }
}
