// The Self-test step: the engine checks every calculation it will use on this processor against
// its reference, then runs the chosen model end to end and measures its speed. Each check appears
// as it finishes; the verdict is in plain words, and d shows every check with its numbers.
import Catalog
import SelfTest
import TUI

public struct SelfTestProgress: Equatable, Sendable {
    public var answers: SetupAnswers
    public var run: Int
    /// Checks finished so far, in order.
    public var checks: [SelfTestCheck] = []
    public var report: SelfTestReport?
    /// Why the self-test could not run at all, in plain words.
    public var problem: String?
    /// First line shown of the details; nil while the summary shows.
    public var detailOffset: Int?

    public init(answers: SetupAnswers, run: Int = 0) {
        self.answers = answers
        self.run = run
    }

    var modelName: String { answers.choice?.model.name ?? "the model" }
    /// The model checks failed (not the kernels): the file itself is the likely cause.
    var modelFailed: Bool { report?.failedChecks.contains { $0.group == .model } ?? false }
}

struct SelfTestScreen: ScreenProgram {
    var progress: SelfTestProgress
    var journey: Journey

    var screen: Screen { .selfTest(progress, in: journey) }
    var autoAnswer: AutoAnswer? {
        if progress.problem != nil { return .fail }
        guard let report = progress.report else { return nil }
        return report.passed ? .key(.enter) : .fail
    }
    var accepting: String? { "the passed self-test and going on to \"\(Step.finish.title)\"" }
    var title: (text: String, detail: String?) { Self.stepTitle(.selfTest, journey) }

    /// Runs are numbered per opening and attempt, so results of a run the user left are ignored.
    func opened(_ context: ScreenContext) -> (Screen, [Command<WizardMessage>]) {
        start(run: context.opening * Self.attemptsPerOpening, context)
    }

    static let attemptsPerOpening = 1000

    private func start(run: Int, _ context: ScreenContext) -> (Screen, [Command<WizardMessage>]) {
        let fresh = SelfTestProgress(answers: progress.answers, run: run)
        guard let services = context.models, let path = progress.answers.modelPath else { return (.selfTest(fresh, in: journey), []) }
        let run = fresh.run
        let command = Command<WizardMessage>.stream { send in
            // On a thread of its own: the checks keep the processor busy for seconds, and the
            // shared async threads must stay free for the screen's other work.
            let report = await DedicatedThread.run(name: "onramp-selftest") {
                services.selfTest(path) { send(.selfTestChecked($0, run: run)) }
            }
            send(.selfTestEnded(report, run: run))
        }
        return (.selfTest(fresh, in: journey), [command])
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var progress = progress
        switch input {
        case .message(.selfTestChecked(let check, let run)) where run == progress.run && progress.report == nil:
            progress.checks.append(check)
            return (.stay(.selfTest(progress, in: journey)), [])
        case .message(.selfTestEnded(let result, let run)) where run == progress.run:
            switch result {
            case .success(let report):
                progress.report = report
                progress.checks = report.checks
            case .failure(let problem):
                progress.problem = problem.message
            }
            return (.stay(.selfTest(progress, in: journey)), [])
        case .message:
            return (.stay(screen), [])
        case .key(let key):
            if progress.detailOffset != nil {
                switch key {
                case .escape, .enter, .backspace, .character("b"), .character("d"): progress.detailOffset = nil
                default:
                    let lines = TextWrap.lines(Self.details(progress), width: max(1, context.size.width - 4)).count
                    progress.detailOffset = TextViewer.scrolled(progress.detailOffset ?? 0, by: key, lineCount: lines, page: max(1, context.size.height - 5))
                }
                return (.stay(.selfTest(progress, in: journey)), [])
            }
            switch key {
            case .escape:
                return (.back, [])
            case .character("d") where progress.report != nil:
                progress.detailOffset = 0
            case .character("r") where progress.problem != nil || progress.report.map { !$0.passed } ?? false:
                let (screen, work) = start(run: progress.run + 1, context)
                return (.stay(screen), work)
            case .enter where progress.report?.passed == true:
                var answers = progress.answers
                answers.selfTest = progress.report
                return (.open(context.flow.screen(after: .selfTest, in: journey, answers: answers)), Self.save(.finish, answers, context))
            default:
                break
            }
            return (.stay(.selfTest(progress, in: journey)), [])
        }
    }

    /// Every check with its numbers, as `onramp selftest -v` prints them.
    static func details(_ progress: SelfTestProgress) -> String {
        guard let report = progress.report else { return "" }
        return SelfTestText.render(report, verbose: true)
    }

    /// The measured answering speed beside the recommendation's prediction.
    static func speedLine(_ report: SelfTestReport, predicted: Candidate?) -> String? {
        guard let speed = report.speed else { return nil }
        let measured = speed.generationTokensPerSecond * SpeedPrediction.wordsPerToken
        var line = "Measured: about \(Amounts.rate(measured)) words per second while answering"
        if let predicted {
            line += " (predicted \(Amounts.rate(predicted.speed.generationWordsPerSecond)))"
        }
        return line + "."
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        let report = progress.report
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
        var (frame, body) = chrome.frame(context)
        if let offset = progress.detailOffset {
            TextViewer(Self.details(progress), offset: offset).draw(into: &frame, in: body, glyphs: context.glyphs)
            return frame
        }
        var y = body.y
        func say(_ text: String, style: Style = .plain) {
            guard y < body.maxY else { return }
            y += Paragraph(text, style: style).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)) + 1
        }
        let failed = progress.checks.filter { !$0.passed }
        if let problem = progress.problem {
            say("The self-test could not run.", style: .bold)
            say(problem)
            say("Press r to try again, or Esc to go back.", style: .bold)
            return frame
        }
        guard let report else {
            say("Onramp checks each calculation it will use on this processor against a slow, exact version, then runs \(progress.modelName) and measures its speed. This takes about half a minute.")
            // Line mode prints every changed page: there, one line until the verdict.
            if context.lineMode {
                say("Testing" + context.glyphs.ellipsis, style: .bold)
            } else {
                let last = progress.checks.last.map { ": last \($0.name)" } ?? ""
                say("\(progress.checks.count) checks done\(last)" + context.glyphs.ellipsis, style: .bold)
            }
            for check in failed.prefix(max(0, body.maxY - y)) {
                ChecklistRow(.failure, check.name, detail: check.detail).draw(into: &frame, at: Point(x: body.x, y: y), width: body.width, glyphs: context.glyphs)
                y += 1
            }
            return frame
        }
        if report.passed {
            say("\(context.glyphs.ok) All \(report.checks.count) checks passed in \(Int(report.seconds.rounded())) s: \(progress.modelName) computes correctly on this computer.", style: .bold)
            let forHere = services.models?.recommendsForThisComputer ?? true
            if let line = Self.speedLine(report, predicted: forHere ? progress.answers.choice : nil) { say(line) }
            // The first message says every check passed (said above); any after it is a note, such as
            // a result that could not be kept for the report.
            for message in report.messages.dropFirst() { say(message) }
            say("Press Enter to finish.", style: .bold)
            return frame
        }
        say("\(context.glyphs.failure) \(report.failedChecks.count) of \(report.checks.count) checks failed.", style: .bold)
        if progress.modelFailed {
            say("The model file gives wrong answers here, so it is probably damaged. Go back (Esc) to download it again or choose another model.")
        }
        for message in report.messages { say(message) }
        if !report.newlyDisabledPaths.isEmpty {
            say("Onramp will not use those calculations any more. Press r to test again with the ones left.")
        }
        for check in report.failedChecks.prefix(max(0, body.maxY - y)) {
            ChecklistRow(.failure, check.name, detail: check.detail).draw(into: &frame, at: Point(x: body.x, y: y), width: body.width, glyphs: context.glyphs)
            y += 1
        }
        return frame
    }

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        if progress.detailOffset != nil {
            return ScreenKeys([.init("Esc", "Back to the summary"), .init("PgUp/PgDn", "Scroll")], typed: "Type b to go back to the summary, q to quit.")
        }
        guard let report = progress.report else {
            if progress.problem != nil {
                return ScreenKeys([.init("r", "Test again"), .init("Esc", "Back")], typed: "Type r to test again, b to go back, q to quit.")
            }
            return ScreenKeys([.init("Esc", "Back")], typed: "Type b to go back, q to quit.")
        }
        if report.passed {
            return ScreenKeys([.init("Enter", "Continue"), .init("d", "Details"), .init("Esc", "Back")],
                              typed: "Press Enter to continue, d for details, b to go back, q to quit.")
        }
        return ScreenKeys([.init("r", "Test again"), .init("d", "Details"), .init("Esc", "Back")],
                          typed: "Type r to test again, d for details, b to go back, q to quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.selfTest.title)".

        \(Step.selfTest.purpose) A wrong result here would otherwise show up later as nonsense in a chat. If a group of calculations fails, Onramp stops using it and uses a slower one that works; if the model itself fails, its file is probably damaged.

        d shows every check with its numbers. Enter goes on when all checks passed; r tests again after a failure.
        """
    }
}
