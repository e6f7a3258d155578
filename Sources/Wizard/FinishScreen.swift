// The last step of Set up: what was done, where the model runs (the graphics card the self-test
// checked, or the processor: p chooses), how to start it again (by the name Onramp's store knows
// it by), where its file is, where to get help; Enter hands the terminal to the chat (the full
// screen ends first).
import Catalog
import PlainText
import TUI

/// What the Finish screen shows: the journey's answers and the model's name in the store, once
/// the store has been looked at (a file used from elsewhere has no such name).
public struct FinishProgress: Equatable, Sendable {
    public var answers: SetupAnswers
    /// The model's name in Onramp's store (`onramp list`), which `onramp chat NAME` takes.
    public var storeName: String?
    /// Whether the store has been looked at; until then Enter (and `--yes`) waits.
    public var lookedUp = false
    /// The person chose the processor over the graphics card (p).
    public var processorOnly = false

    public init(answers: SetupAnswers) {
        self.answers = answers
    }

    /// What to type to chat with the model: its store name, else its file's path.
    var chatArgument: String? { storeName ?? answers.modelPath }

    /// The graphics card the self-test checked on this computer and put (part of) the model on,
    /// which `onramp chat` uses unless told otherwise; nil when there is none, or when the model
    /// stays on the processor anyway (then there is nothing to choose).
    var card: String? {
        guard let report = answers.selfTest?.graphicsCard, report.model.map({ $0.layers > 0 }) ?? true else { return nil }
        return report.device
    }

    /// `onramp chat`'s arguments for the model and the choice made here.
    var chatArguments: [String]? {
        chatArgument.map { [$0] + (processorOnly && card != nil ? ["--gpu-layers", "0"] : []) }
    }

    /// Where the model will run, in a sentence, with the key that changes it; nil when the
    /// self-test's report does not say.
    var placeLine: String? {
        guard let report = answers.selfTest?.graphicsCard else { return nil }
        if let reason = report.notChecked ?? report.model?.processorReason {
            return "It runs on the processor: \(reason)"
        }
        guard let card else { return nil }
        if processorOnly {
            return "It runs on the processor only, as you chose. Press p to use the graphics card (\(card)) again."
        }
        // How much of it the card holds, when the self-test placed the model there.
        let share = report.model.map { placement in
            placement.layers == placement.totalLayers
                ? " (every layer)" : " (\(placement.layers) of its \(placement.totalLayers) layers; the processor computes the rest)"
        } ?? ""
        return "It runs on the graphics card \(card)\(share), which passed the self-test. Press p to run it on the processor only."
    }
}

struct FinishScreen: ScreenProgram {
    var progress: FinishProgress
    var journey: Journey

    var screen: Screen { .finish(progress, in: journey) }
    var autoAnswer: AutoAnswer? { progress.lookedUp ? .key(.enter) : nil }
    var accepting: String? { progress.chatArguments.map { "\"Start chatting now\" (as \(Self.chatCommand($0)))" } }
    var title: (text: String, detail: String?) { Self.stepTitle(.finish, journey) }

    /// What to type later to chat with this model again.
    static func chatCommand(_ arguments: [String]) -> String {
        (["onramp", "chat"] + arguments.map(ShellQuote.quote)).joined(separator: " ")
    }

    /// Looks in the store for the model's file, to call it by the name `onramp list` shows.
    func opened(_ context: ScreenContext) -> (Screen, [Command<WizardMessage>]) {
        guard let services = context.models, progress.answers.modelPath != nil else {
            var progress = progress
            progress.lookedUp = true
            return (.finish(progress, in: journey), [])
        }
        let run = context.opening
        return (screen, [.perform { .storeChecked(services.stored(), run: run) }])
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        switch input {
        case .message(.storeChecked(let stored, _)):
            // Matched by the file, not the opening: the store's answer is the same for any opening.
            var progress = progress
            progress.storeName = stored.first { $0.path == progress.answers.modelPath }?.fileName
            progress.lookedUp = true
            return (.stay(.finish(progress, in: journey)), [])
        case .message(.chatChosen):
            // The model is recorded for `onramp`: ending the wizard ends the full screen, then the chat starts.
            return (.stay(screen), [.quit(0)])
        case .message:
            return (.stay(screen), [])
        case .key(.escape):
            return (.back, [])
        case .key(.enter):
            guard progress.lookedUp, let arguments = progress.chatArguments, let handOff = context.models?.handOff else { return (.stay(screen), []) }
            return (.stay(screen), [.perform {
                handOff.choose(arguments)
                return .chatChosen
            }])
        case .key(.character("p")) where progress.card != nil:
            var progress = progress
            progress.processorOnly.toggle()
            return (.stay(.finish(progress, in: journey)), [])
        case .key:
            return (.stay(screen), [])
        }
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
        var (frame, body) = chrome.frame(context)
        var y = body.y
        // A blank line between paragraphs where there is room; a 60×16 terminal needs every row.
        let gap = body.height >= 16 ? 1 : 0
        func say(_ text: String, style: Style = .plain) {
            guard y < body.maxY else { return }
            y += Paragraph(text, style: style).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)) + gap
        }
        let answers = progress.answers
        let name = answers.choice?.model.name ?? progress.storeName ?? "The model"
        var done = "\(name) is ready"
        if let report = answers.selfTest, report.passed {
            done += ": it passed all \(report.checks.count) self-test checks on this computer"
        }
        say(done + ".", style: .bold)
        // The way on first: on a 60×16 terminal a long path leaves little room below it.
        say("Press Enter to start chatting now (type /exit to leave the chat).", style: .bold)
        // Until the store has answered (a moment), only the first lines show, so that line mode,
        // which prints what was added to a page, prints the rest once and in order.
        guard progress.lookedUp else { return frame }
        if let place = progress.placeLine {
            say(place)
        }
        if let arguments = progress.chatArguments {
            say("To chat with it again later, type:\n  \(Self.chatCommand(arguments))")
        }
        if let path = answers.modelPath {
            say("Its file is \(HomePath.shown(path, home: services.models?.home))")
        }
        say("If something stops working: onramp doctor checks this computer again, and onramp report makes a report to share when you ask for help.")
        return frame
    }

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        guard progress.card != nil else {
            return ScreenKeys([.init("Enter", "Start chatting"), .init("Esc", "Back")], typed: "Press Enter to start chatting, b to go back, q to quit.")
        }
        let place = progress.processorOnly ? "Use the card" : "Processor only"
        return ScreenKeys([.init("Enter", "Start chatting"), .init("p", place), .init("Esc", "Back")],
                          typed: "Press Enter to start chatting, p to \(progress.processorOnly ? "use the graphics card" : "run on the processor only"), b to go back, q to quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.finish.title)".

        \(Step.finish.purpose) Enter closes this screen and starts the chat in this terminal: type a message and press Enter; Ctrl-C stops an answer, /reset starts over, /exit leaves Onramp. Later, the command shown here starts the same chat again (onramp list shows the models Onramp has).

        Where the self-test checked a graphics card, the model runs on it (as many layers as its memory holds, the processor computing the rest); p switches to the processor only, which the command shown then says with --gpu-layers 0.
        """
    }
}
