// The wizard's screens as values. Later steps replace `.unavailable` with their own case and state.

public enum Screen: Equatable, Sendable {
    case welcome(selected: Int)
    case scan(ScanProgress, in: Journey)
    case checks(ChecksProgress, in: Journey)
    /// A step this version of Onramp cannot do yet; says so plainly instead of pretending.
    case unavailable(Step, in: Journey)

    /// The title bar's text and the position shown at its right.
    var title: (text: String, detail: String?) {
        switch self {
        case .welcome:
            return ("Onramp: run AI on this computer", nil)
        case .scan(_, let journey):
            return Self.stepTitle(.scan, journey)
        case .checks(_, let journey):
            return Self.stepTitle(.checks, journey)
        case .unavailable(let step, let journey):
            return Self.stepTitle(step, journey)
        }
    }

    private static func stepTitle(_ step: Step, _ journey: Journey) -> (text: String, detail: String?) {
        let number = (journey.steps.firstIndex(of: step) ?? 0) + 1
        return ("\(journey.title): \(step.title)", "Step \(number) of \(journey.steps.count)")
    }
}

/// Which screen shows a step. This is where a finished step plugs in: return its screen here.
struct Flow: Sendable {
    /// Whether this build can scan the machine (the probe is wired in).
    var canScan: Bool
    /// Whether the Checks screen can run a fix (after asking): the scanned machine has a fix target.
    var canFix = false

    func screen(for step: Step, in journey: Journey) -> Screen {
        switch step {
        case .scan where canScan: .scan(ScanProgress(run: 0), in: journey)
        default: .unavailable(step, in: journey)
        }
    }

    func firstScreen(of journey: Journey) -> Screen {
        screen(for: journey.steps.first ?? .finish, in: journey)
    }

    func screen(after step: Step, in journey: Journey) -> Screen {
        let steps = journey.steps
        guard let index = steps.firstIndex(of: step), index + 1 < steps.count else { return screen(for: .finish, in: journey) }
        return screen(for: steps[index + 1], in: journey)
    }
}
