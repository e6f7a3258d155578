// The status marks: Unicode where the terminal can draw it, ASCII otherwise (DESIGN: `[ok]`/`[!!]`/`[XX]`).

public enum Glyphs: Sendable {
    case unicode
    case ascii

    /// The bracketed mark in front of an area line.
    public func area(_ status: Severity) -> String {
        switch (self, status) {
        case (.unicode, .ok), (.unicode, .info): "[✓]"
        case (.unicode, .warning): "[!]"
        case (.unicode, .error): "[✗]"
        case (.ascii, .ok), (.ascii, .info): "[ok]"
        case (.ascii, .warning): "[!!]"
        case (.ascii, .error): "[XX]"
        }
    }

    /// The mark in front of one finding under its area.
    public func finding(_ severity: Severity) -> String {
        switch (self, severity) {
        case (.unicode, .ok): "✓"
        case (.unicode, .info): "•"
        case (.unicode, .warning): "!"
        case (.unicode, .error): "✗"
        case (.ascii, .ok): "+"
        case (.ascii, .info): "-"
        case (.ascii, .warning): "!"
        case (.ascii, .error): "X"
        }
    }
}
