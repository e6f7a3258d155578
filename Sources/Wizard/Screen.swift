// The wizard's screens as values. Later steps replace `.unavailable` with their own case and state.

public enum Screen: Hashable, Sendable {
    case welcome(selected: Int)
    /// A step this version of Onramp cannot do yet; says so plainly instead of pretending.
    case unavailable(Step, in: Journey)

    /// The title bar's text and the position shown at its right.
    var title: (text: String, detail: String?) {
        switch self {
        case .welcome:
            return ("Onramp: run AI on this computer", nil)
        case .unavailable(let step, let journey):
            let number = (journey.steps.firstIndex(of: step) ?? 0) + 1
            return ("\(journey.title): \(step.title)", "Step \(number) of \(journey.steps.count)")
        }
    }
}

/// Which screen shows a step. This is where a finished step plugs in: return its screen here.
enum Flow {
    static func screen(for step: Step, in journey: Journey) -> Screen {
        .unavailable(step, in: journey)
    }

    static func firstScreen(of journey: Journey) -> Screen {
        screen(for: journey.steps.first ?? .finish, in: journey)
    }
}
