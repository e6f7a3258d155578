// Decides how to talk to this terminal — full screen or plain lines, Unicode or ASCII, colour or not —
// from the environment alone, so every combination is testable without a terminal.

public struct DisplayTraits: Hashable, Sendable {
    public var glyphs: Glyphs
    public var color: Bool

    public init(glyphs: Glyphs, color: Bool) {
        self.glyphs = glyphs
        self.color = color
    }
}

public enum DisplayMode: Hashable, Sendable {
    case fullScreen(DisplayTraits)
    /// Plain lines without cursor movement: dumb terminals, pipes, `--plain`.
    case lines(DisplayTraits)

    public var traits: DisplayTraits {
        switch self {
        case .fullScreen(let traits), .lines(let traits): traits
        }
    }
}

/// What the process knows about where it is running.
public struct TerminalEnvironment: Hashable, Sendable {
    public var term: String?
    /// NO_COLOR set to anything non-empty (https://no-color.org).
    public var noColor: Bool
    /// The locale's character set is UTF-8 (after `setlocale(LC_ALL, "")`).
    public var utf8: Bool
    public var stdinIsTerminal: Bool
    public var stdoutIsTerminal: Bool
    public var plainRequested: Bool

    public init(
        term: String?, noColor: Bool, utf8: Bool,
        stdinIsTerminal: Bool, stdoutIsTerminal: Bool, plainRequested: Bool
    ) {
        self.term = term
        self.noColor = noColor
        self.utf8 = utf8
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.plainRequested = plainRequested
    }

    /// Terminals whose fonts cannot be trusted with box drawing or check marks.
    static let asciiOnlyTerms: Set<String> = ["linux", "vt100", "vt102", "vt220", "ansi", "cons25"]

    public var displayMode: DisplayMode {
        let term = (self.term ?? "").lowercased()
        let asciiTerm = Self.asciiOnlyTerms.contains(term) || term.hasPrefix("vt1") || term.hasPrefix("vt2")
        let glyphs: Glyphs = utf8 && !asciiTerm ? .unicode : .ascii
        let lineMode = plainRequested || !stdoutIsTerminal || !stdinIsTerminal || term.isEmpty || term == "dumb"
        if lineMode {
            return .lines(DisplayTraits(glyphs: glyphs, color: false))
        }
        return .fullScreen(DisplayTraits(glyphs: glyphs, color: !noColor))
    }
}
