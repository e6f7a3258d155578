// The last step of Set up: what was done, how to start the model again, where its file is, where
// to get help; Enter hands the terminal to the chat (the full screen ends first).
import Catalog
import PlainText
import TUI

struct FinishScreen: ScreenProgram {
    var answers: SetupAnswers
    var journey: Journey

    var screen: Screen { .finish(answers, in: journey) }
    var autoAnswer: AutoAnswer? { .key(.enter) }
    var title: (text: String, detail: String?) { Self.stepTitle(.finish, journey) }

    /// What to type later to chat with this model again.
    static func chatCommand(_ path: String) -> String {
        "onramp chat " + ShellQuote.quote(path)
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        switch input {
        case .message(.chatChosen):
            // The model is recorded for `onramp`: ending the wizard ends the full screen, then the chat starts.
            return (.stay(screen), [.quit(0)])
        case .message:
            return (.stay(screen), [])
        case .key(.escape):
            return (.back, [])
        case .key(.enter):
            guard let path = answers.modelPath, let handOff = context.models?.handOff else { return (.stay(screen), []) }
            return (.stay(screen), [.perform {
                handOff.choose(path)
                return .chatChosen
            }])
        case .key:
            return (.stay(screen), [])
        }
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
        var (frame, body) = chrome.frame(context)
        var y = body.y
        func say(_ text: String, style: Style = .plain) {
            guard y < body.maxY else { return }
            y += Paragraph(text, style: style).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)) + 1
        }
        let name = answers.choice?.model.name ?? "The model"
        var done = "\(name) is ready"
        if let report = answers.selfTest, report.passed {
            done += ": it passed all \(report.checks.count) self-test checks on this computer"
        }
        say(done + ".", style: .bold)
        // The way on first: on a 60×16 terminal a long path leaves little room below it.
        say("Press Enter to start chatting now (type /exit to leave the chat).", style: .bold)
        if let path = answers.modelPath {
            // The command names the model file, so it also says where the file is.
            say("To chat with it again later, type:\n\(Self.chatCommand(path))")
        }
        say("If something stops working: onramp doctor checks this computer again, and onramp selftest tests the engine again.")
        return frame
    }

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        ScreenKeys([.init("Enter", "Start chatting"), .init("Esc", "Back")], typed: "Press Enter to start chatting, b to go back, q to quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.finish.title)".

        \(Step.finish.purpose) Enter closes this screen and starts the chat in this terminal: type a message and press Enter; Ctrl-C stops an answer, /reset starts over, /exit leaves Onramp.
        """
    }
}
