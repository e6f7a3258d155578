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
        case .character("y"), .character("Y"): .quit
        case .character("n"), .character("N"), .escape, .character("q"): .stay
        case .left, .right, .tab, .backTab: .undecided(quitSelected: !quitSelected)
        case .enter: quitSelected ? .quit : .stay
        default: .undecided(quitSelected: quitSelected)
        }
    }

    static func dialog(quitSelected: Bool, lineMode: Bool) -> Dialog {
        let how = lineMode ? "Type y to quit or n to stay." : "Press y to quit or n to stay."
        return Dialog(
            title: "Quit Onramp?",
            message: "Quitting loses nothing: Onramp changes nothing without your yes. \(how)",
            buttons: ["Stay", "Quit"],
            selected: quitSelected ? 1 : 0
        )
    }
}
