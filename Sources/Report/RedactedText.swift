// Text that has been through the `Redactor`. Every string a `DiagnosticsReport` holds has this
// type, and only `ReportRedaction` makes one, so no string reaches the report unredacted by
// accident: the compiler refuses a plain `String` there.

import Probe

public struct RedactedText: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public let text: String

    fileprivate init(redacted text: String) {
        self.text = text
    }

    /// Reading back a report Onramp wrote (it was redacted when written).
    public init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }
    public var isEmpty: Bool { text.isEmpty }
}

/// One redactor and one ledger for a whole report, so a value gets the same placeholder everywhere.
struct ReportRedaction {
    let redactor: Redactor
    private(set) var ledger = RedactionLedger()

    init(_ identity: MachineIdentity) {
        redactor = Redactor(identity)
    }

    /// What the machine or a tool said: facts, evidence, paths, command output.
    mutating func machine(_ text: String) -> RedactedText {
        RedactedText(redacted: redactor.redact(text, ledger: &ledger, machineOutput: true))
    }

    /// Onramp's own sentences, which may quote machine values.
    mutating func prose(_ text: String) -> RedactedText {
        RedactedText(redacted: redactor.redact(text, ledger: &ledger, machineOutput: false))
    }
}
