// A diagnostics report after redaction: what `onramp report` prints as Markdown or JSON and the
// wizard previews. Every string in it is `RedactedText`. Schema: docs/report.md (schemaVersion 1).

import Doctor
import Probe

public struct DiagnosticsReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var onrampVersion: RedactedText
    /// When the report was made, ISO 8601 in UTC.
    public var created: RedactedText
    public var machine: RedactedText
    /// The doctor's worst finding (`ok`, `info`, `warning`, `error`).
    public var status: Severity
    /// The few lines a helper reads first: system, processor, memory, graphics, doctor, self-test.
    public var summary: [Row]
    /// The doctor's line per area.
    public var areas: [AreaLine]
    public var findings: [ReportFinding]
    /// The facts as `onramp probe` shows them, by area.
    public var facts: [FactSection]
    /// Every fact the probe gathered, as `onramp probe --json` writes them (redacted).
    public var machineFacts: JSONValue
    /// Onramp's environment variables; secret ones only say whether they are set.
    public var settings: [Row]
    public var selfTest: ReportSelfTest?
    public var bench: ReportBench?
    public var models: [ReportModel]
    /// External tools the probe ran or looked for, and what became of each.
    public var commands: [ReportCommand]
    /// What could not be included, and why.
    public var notes: [RedactedText]
    /// What was replaced, by kind.
    public var redactions: [RedactionCount]

    public struct Row: Codable, Sendable, Equatable {
        public var label: RedactedText
        public var value: RedactedText
    }

    public struct AreaLine: Codable, Sendable, Equatable {
        public var area: Area
        public var name: RedactedText
        public var status: Severity
        public var summary: RedactedText
    }

    public struct FactSection: Codable, Sendable, Equatable {
        public var title: RedactedText
        public var rows: [Row]
    }
}

public struct ReportFinding: Codable, Sendable, Equatable {
    public var id: RedactedText
    public var area: Area
    public var severity: Severity
    public var title: RedactedText
    public var explanation: RedactedText
    public var evidence: [RedactedText]
    /// The steps for this machine's distribution family.
    public var fix: [ReportFixStep]
}

public struct ReportFixStep: Codable, Sendable, Equatable {
    /// `command` (to type) or `manual` (to do by hand).
    public var kind: RedactedText
    public var text: RedactedText
}

public struct ReportSelfTest: Codable, Sendable, Equatable {
    public var ran: RedactedText
    public var passed: Bool
    public var kernelPath: RedactedText
    public var model: RedactedText?
    public var checks: Int
    public var failedChecks: [ReportCheck]
    public var messages: [RedactedText]
    public var promptTokensPerSecond: Double?
    public var generationTokensPerSecond: Double?
    /// The self-test's own report (`onramp selftest --json`, docs/selftest.md), redacted.
    public var full: JSONValue
}

public struct ReportCheck: Codable, Sendable, Equatable {
    public var name: RedactedText
    public var detail: RedactedText
}

public struct ReportBench: Codable, Sendable, Equatable {
    public var ran: RedactedText
    public var model: RedactedText
    public var threads: Int
    public var tests: [Test]

    public struct Test: Codable, Sendable, Equatable {
        public var test: RedactedText
        public var tokensPerSecond: Double
        public var standardDeviation: Double
    }
}

public struct ReportModel: Codable, Sendable, Equatable {
    public var name: RedactedText
    public var sizeBytes: Int64
    public var architecture: RedactedText?
    public var source: RedactedText
}

public struct ReportCommand: Codable, Sendable, Equatable {
    /// The command line as run (program path and arguments).
    public var command: RedactedText
    public var outcome: RedactedText
    public var exitStatus: Int32?
    public var note: RedactedText?
}
