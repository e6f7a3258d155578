// The keys Onramp's screens react to, independent of how a terminal encodes them.

public enum Key: Hashable, Sendable {
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    case f1
    case character(Character)

    /// F1 and `?` both ask for help on the current screen.
    public var asksForHelp: Bool { self == .f1 || self == .character("?") }

    /// The key as people name it in hints and help text.
    public var name: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .f1: "F1"
        case .character(let c): String(c)
        }
    }
}
