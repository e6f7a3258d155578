// The report as JSON (schema: docs/report.md), and read back from it.

import Foundation

public enum ReportJSON {
    /// Pretty-printed with sorted keys, so output is stable for golden tests and diffs.
    public static func render(_ report: DiagnosticsReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    public static func decode(_ text: String) throws -> DiagnosticsReport {
        try JSONDecoder().decode(DiagnosticsReport.self, from: Data(text.utf8))
    }
}
