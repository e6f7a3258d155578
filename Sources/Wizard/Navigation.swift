// What a screen's key handling asks the wizard to do next.

enum Navigation: Hashable, Sendable {
    /// Stay, possibly with changed screen state (a moved selection).
    case stay(Screen)
    /// Go forward to another screen; Esc there comes back here.
    case open(Screen)
    case back
}
