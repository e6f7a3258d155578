// The "Quit Onramp?" dialog that `q` opens, so one stray key never throws work away.
import TUI

enum QuitQuestion {
    enum Answer: Hashable, Sendable {
        case quit
        case stay
        case undecided(quitSelected: Bool)
    }

    static func answer(to key: Key, quitSelected: Bool) -> Answer {
        switch key {
        // q again quits: "q q" is how people leave a terminal program in a hurry.
        case .character("y"), .character("Y"), .character("q"), .character("Q"): .quit
        case .character("n"), .character("N"), .escape: .stay
        case .left, .right, .tab, .backTab: .undecided(quitSelected: !quitSelected)
        case .enter: quitSelected ? .quit : .stay
        default: .undecided(quitSelected: quitSelected)
        }
    }

    static func dialog(quitSelected: Bool, lineMode: Bool) -> Dialog {
        let how = lineMode ? "Type y (or q) to quit, n to stay." : "Press y (or q) to quit, n to stay."
        return Dialog(
            title: "Quit Onramp?",
            message: "Quitting loses nothing: Onramp changes nothing without your yes. \(how)",
            buttons: ["Stay", "Quit"],
            selected: quitSelected ? 1 : 0
        )
    }
}
