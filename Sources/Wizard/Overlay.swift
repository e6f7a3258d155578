// What can sit on top of a screen: the help page, or the "quit Onramp?" question.

enum Overlay: Hashable, Sendable {
    /// `offset` is the first line of help shown.
    case help(offset: Int)
    /// `quitSelected` is true when the Quit button (not Stay) has the focus.
    case quitConfirmation(quitSelected: Bool)
}
