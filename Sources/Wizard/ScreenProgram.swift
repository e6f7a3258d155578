// A wizard screen as a small Elm program of its own (bubbletea's Model with its Cmd): it takes a
// key or a message, returns where to go next and the work to start, and draws itself. `Wizard`
// only routes events to the top screen, keeps the stack of screens and draws the overlays.
import TUI

/// What reaches a screen: a key, or the result of background work (each screen keeps the results
/// meant for it and ignores the rest).
enum ScreenInput: Sendable {
    case key(Key)
    case message(WizardMessage)
}

/// What a screen may use besides its own state: the wizard's services and the terminal's size.
struct ScreenContext: Sendable {
    var flow: Flow
    /// Where scans and fixes run; nil in builds or tests without a probe.
    var machineScan: MachineScan?
    /// Recommend, download, self-test and the chat hand-off; nil in builds or tests without them.
    var models: ModelServices? = nil
    /// Makes the diagnostics report; nil in builds or tests without it.
    var reports: ReportServices? = nil
    /// Printed on screens that mention what this version can do.
    var version: String
    /// The terminal's size, which bounds scrolling.
    var size: Size
    /// Numbers this opening of the screen (each push gets a new one), so work a screen starts can
    /// tag its results and the results for an opening the user has left are ignored.
    var opening: Int
}

protocol ScreenProgram: Sendable {
    /// This screen's state as the wizard stores it.
    var screen: Screen { get }
    /// The title bar's text and the position shown at its right.
    var title: (text: String, detail: String?) { get }
    /// True while a dialog of the screen's own is open: every key goes to it, help and quit included.
    var takesEveryKey: Bool { get }
    /// The screen has just been pushed: its first state and the work it starts (a scan, say).
    func opened(_ context: ScreenContext) -> (Screen, [Command<WizardMessage>])
    /// A key (other than help and quit, which the wizard handles) or a message. Esc arrives here
    /// too: a screen closes its own inner view with it, or answers `.back`.
    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>])
    func view(_ view: ViewContext, _ context: ScreenContext) -> Frame
    /// The keys the screen takes right now: its footer shows them and its help page lists them,
    /// so the two never disagree (help and quit are added to both by the wizard).
    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys
    /// What the screen is for, for the help page (its keys and the common keys follow it).
    func help(glyphs: Glyphs) -> String
    /// With `--yes`: the key that accepts what this screen offers now (nil: wait for its work),
    /// or `.fail` when there is nothing to accept and the run should end with status 1.
    var autoAnswer: AutoAnswer? { get }
    /// With `--yes`: what `autoAnswer` accepts, in words for the page ("the best model for this
    /// computer, SmolLM2 135M Instruct"); nil says the screen's step is passed on.
    var accepting: String? { get }
}

/// A screen's keys at the moment: the footer's hints, and what to type instead in line mode.
struct ScreenKeys: Equatable, Sendable {
    var hints: [KeyHints.Hint]
    /// One sentence for line mode, where keys are typed as words ("Type n for the next step, …");
    /// at most 78 characters, so it stays one printed line.
    var typed: String

    init(_ hints: [KeyHints.Hint], typed: String) {
        self.hints = hints
        self.typed = typed
    }
}

/// What `--yes` does on a screen.
enum AutoAnswer: Equatable {
    case key(Key)
    case fail
}

extension ScreenProgram {
    var takesEveryKey: Bool { false }
    var autoAnswer: AutoAnswer? { nil }
    var accepting: String? { nil }

    /// The line `--yes` prints on the page it answers: what it accepts, or why it stops.
    var acceptanceNote: String? {
        switch autoAnswer {
        case nil: nil
        case .fail?: "--yes: nothing here to accept, so Onramp stops (exit status 1)."
        case .key?: "--yes: accepting " + (accepting ?? "\"\(title.text)\" and going on") + "."
        }
    }

    func opened(_ context: ScreenContext) -> (Screen, [Command<WizardMessage>]) {
        (screen, [])
    }

    /// The title of a journey's step, with its position: ("Set up: Scan this computer", "Step 1 of 6").
    /// Saves Set up's progress as having reached `step` (a command: the file is written off the
    /// terminal's thread); nothing when the wizard has no model services.
    static func save(_ step: Step, _ answers: SetupAnswers, _ context: ScreenContext) -> [Command<WizardMessage>] {
        guard let services = context.models else { return [] }
        let saved = SavedSetup(version: context.version, step: step, answers: answers)
        return [.perform {
            services.saveSetup(saved)
            return .setupSaved
        }]
    }

    static func stepTitle(_ step: Step, _ journey: Journey) -> (text: String, detail: String?) {
        let number = (journey.steps.firstIndex(of: step) ?? 0) + 1
        return ("\(journey.title): \(step.title)", "Step \(number) of \(journey.steps.count)")
    }
}
