// The wizard's screens as values, and the flow between them: this file is where a screen is
// registered (its case, its program, the step it shows). Steps not built yet show `.unavailable`.
import Probe

public enum Screen: Equatable, Sendable {
    case welcome(selected: Int)
    case scan(ScanProgress, in: Journey)
    case checks(ChecksProgress, in: Journey)
    case recommend(RecommendProgress, in: Journey)
    case download(DownloadState, in: Journey)
    case selfTest(SelfTestProgress, in: Journey)
    case finish(FinishProgress, in: Journey)
    case report(ReportProgress, in: Journey)
    /// A step this version of Onramp cannot do yet; says so plainly instead of pretending.
    case unavailable(Step, in: Journey)

    /// The screen's own program: how it takes keys and messages, and how it looks.
    var program: any ScreenProgram {
        switch self {
        case .welcome(let selected): WelcomeScreen(selected: selected)
        case .scan(let progress, let journey): ScanScreen(progress: progress, journey: journey)
        case .checks(let progress, let journey): ChecksScreen(progress: progress, journey: journey)
        case .recommend(let progress, let journey): RecommendScreen(progress: progress, journey: journey)
        case .download(let state, let journey): DownloadScreen(state: state, journey: journey)
        case .selfTest(let progress, let journey): SelfTestScreen(progress: progress, journey: journey)
        case .finish(let progress, let journey): FinishScreen(progress: progress, journey: journey)
        case .report(let progress, let journey): ReportScreen(progress: progress, journey: journey)
        case .unavailable(let step, let journey): UnavailableStepScreen(step: step, journey: journey)
        }
    }
}

/// Which screen shows a step. This is where a finished step plugs in: return its screen here.
struct Flow: Sendable {
    /// Whether this build can scan the machine (the probe is wired in).
    var canScan: Bool
    /// Whether the Checks screen can run a fix (after asking): the scanned machine has a fix target.
    var canFix = false
    /// Whether the model steps (recommend, download, self-test, chat) have their services.
    var hasModels = false
    /// Whether the Report step has its services (making the report as `onramp report` does).
    var hasReports = false

    /// A step's screen, given what the steps before it found; a step whose input is missing (or
    /// that this build cannot do) says so instead.
    func screen(for step: Step, in journey: Journey, answers: SetupAnswers = SetupAnswers()) -> Screen {
        switch step {
        case .scan where canScan: .scan(ScanProgress(run: 0), in: journey)
        case .checks where answers.facts != nil: .checks(ChecksProgress(facts: answers.facts ?? MachineFacts(), canFix: canFix), in: journey)
        case .recommend where hasModels && answers.facts != nil: .recommend(RecommendProgress(answers: answers), in: journey)
        case .download where hasModels && answers.choice != nil: .download(DownloadState(answers: answers), in: journey)
        case .selfTest where hasModels && answers.modelPath != nil: .selfTest(SelfTestProgress(answers: answers), in: journey)
        case .finish where hasModels && answers.modelPath != nil: .finish(FinishProgress(answers: answers), in: journey)
        case .reportPreview where hasReports && answers.facts != nil: .report(ReportProgress(facts: answers.facts ?? MachineFacts()), in: journey)
        default: .unavailable(step, in: journey)
        }
    }

    func firstScreen(of journey: Journey) -> Screen {
        screen(for: journey.steps.first ?? .finish, in: journey)
    }

    func screen(after step: Step, in journey: Journey, answers: SetupAnswers = SetupAnswers()) -> Screen {
        let steps = journey.steps
        guard let index = steps.firstIndex(of: step), index + 1 < steps.count else { return screen(for: .finish, in: journey, answers: answers) }
        return screen(for: steps[index + 1], in: journey, answers: answers)
    }
}
