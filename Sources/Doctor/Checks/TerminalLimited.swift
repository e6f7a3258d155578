// Notes a terminal that cannot show the wizard fully: no UTF-8 locale, or a dumb/unknown TERM.

import Probe

public struct TerminalLimited: Check {
    public let id = "terminal.limited"
    public let area = Area.terminal

    static let kind = FindingKind(
        id: "terminal.limited", area: .terminal, severity: .info,
        title: "This terminal has limits: Onramp will draw with plain ASCII",
        explanation: "Without a UTF-8 locale, or with TERM unset, \"dumb\" or the Linux console, symbols such as "
            + "✓ and box lines may show as garbage, so Onramp uses ASCII marks ([ok], [!!], [XX]) instead. "
            + "Everything still works.",
        fix: .steps(
            .command("export LANG=C.UTF-8"),
            .manual("Or use a terminal emulator that sets TERM (e.g. xterm-256color).")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        var evidence: [String] = []
        if !Self.isUTF8(facts.environment.locale) {
            evidence.append("locale: \(facts.environment.locale ?? "unset") (not UTF-8)")
        }
        let term = facts.environment.term
        if term == nil || ["dumb", "linux", "vt100", "vt220", "unknown"].contains(term ?? "") {
            evidence.append("TERM: \(term ?? "unset")")
        }
        return evidence.isEmpty ? [] : [Self.kind.found(evidence: evidence)]
    }

    static func isUTF8(_ locale: String?) -> Bool {
        guard let locale = locale?.lowercased() else { return false }
        return locale.contains("utf-8") || locale.contains("utf8")
    }
}
