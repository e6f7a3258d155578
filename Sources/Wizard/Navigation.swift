// What a screen's update asks the wizard to do next.

enum Navigation: Equatable, Sendable {
    /// Stay, possibly with changed screen state (a moved selection).
    case stay(Screen)
    /// Go forward to another screen; Esc there comes back here.
    case open(Screen)
    /// Leave this screen (on the first one: ask whether to quit).
    case back
}
