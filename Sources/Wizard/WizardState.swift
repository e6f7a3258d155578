// Everything the wizard shows is a function of this value.
import TUI

public struct WizardState: Equatable, Sendable {
    /// Screens walked through so far; Esc goes back to the one below. Never empty.
    public internal(set) var screens: [Screen]
    var overlay: Overlay?
    /// The terminal's size, from the run loop's resize events; help scrolling is bounded by it.
    var size = Size(width: 80, height: 24)
    /// Screens opened so far; numbers each opening, so a late result of work started by a screen
    /// the user has left (an abandoned scan) is ignored.
    var openings = 0
    /// With `--yes`: an acceptance of the top screen's offer is on its way (`Wizard.accept`).
    var acceptScheduled = false

    public init() {
        screens = [.welcome(selected: 0)]
    }

    public var current: Screen { screens.last ?? .welcome(selected: 0) }
    public var showsHelp: Bool { if case .help = overlay { true } else { false } }
    public var asksToQuit: Bool { if case .quitConfirmation = overlay { true } else { false } }

    mutating func replaceCurrent(with screen: Screen) {
        screens[screens.count - 1] = screen
    }
}
