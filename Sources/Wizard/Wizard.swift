// The wizard as an Elm program: pure `update` from state and event, pure `view` from state to a frame.
import TUI

public struct Wizard: Program {
    public typealias State = WizardState
    public typealias Message = WizardMessage

    /// Printed on screens that mention what this version can do.
    public let version: String
    public let minimumSize = Size(width: 60, height: 16)

    public init(version: String) {
        self.version = version
    }

    public func start() -> (WizardState, [Command<WizardMessage>]) {
        (WizardState(), [])
    }

    public func update(_ state: WizardState, _ event: Event<WizardMessage>) -> (WizardState, [Command<WizardMessage>]) {
        var state = state
        let key: Key
        switch event {
        case .key(let pressed): key = pressed
        case .resized(let size):
            state.size = size
            return (state, [])
        case .message: return (state, [])
        }
        switch state.overlay {
        case .help(let offset):
            state.overlay = helpOverlay(after: key, offset: offset, state: state)
            return (state, [])
        case .quitConfirmation(let quitSelected):
            switch QuitQuestion.answer(to: key, quitSelected: quitSelected) {
            case .quit: return (state, [.quit(0)])
            case .stay: state.overlay = nil
            case .undecided(let selected): state.overlay = .quitConfirmation(quitSelected: selected)
            }
            return (state, [])
        case nil:
            break
        }
        if key.asksForHelp {
            state.overlay = .help(offset: 0)
        } else if key == .character("q") || key == .character("Q") {
            state.overlay = .quitConfirmation(quitSelected: false)
        } else if key == .escape {
            goBack(&state)
        } else {
            navigate(&state, screenUpdate(state.current, key))
        }
        return (state, [])
    }

    /// Esc goes back a screen; on the first screen there is nowhere back to, so it offers to quit.
    private func goBack(_ state: inout WizardState) {
        if state.screens.count > 1 {
            state.screens.removeLast()
        } else {
            state.overlay = .quitConfirmation(quitSelected: false)
        }
    }

    private func navigate(_ state: inout WizardState, _ navigation: Navigation) {
        switch navigation {
        case .stay(let screen): state.replaceCurrent(with: screen)
        case .open(let screen): state.screens.append(screen)
        case .back: goBack(&state)
        }
    }

    private func screenUpdate(_ screen: Screen, _ key: Key) -> Navigation {
        switch screen {
        case .welcome(let selected): WelcomeScreen.update(selected: selected, key: key)
        case .unavailable(let step, let journey): UnavailableStepScreen.update(step: step, journey: journey, key: key)
        }
    }

    /// Keys inside help scroll it; Esc, q, Enter, F1 and ? close it.
    private func helpOverlay(after key: Key, offset: Int, state: WizardState) -> Overlay? {
        switch key {
        case .escape, .enter, .f1, .character("?"), .character("b"), .character("q"), .character("Q"):
            return nil
        default:
            let (lines, page) = HelpPage.extent(for: state.current, in: state.size)
            return .help(offset: TextViewer.scrolled(offset, by: key, lineCount: lines, page: page))
        }
    }

    public func view(_ state: WizardState, _ context: ViewContext) -> Frame {
        var frame = screenView(state.current, context)
        switch state.overlay {
        case .help(let offset):
            HelpPage.draw(into: &frame, screen: state.current, offset: offset, context: context)
        case .quitConfirmation(let quitSelected):
            let dialog = QuitQuestion.dialog(quitSelected: quitSelected, lineMode: context.lineMode)
            if context.lineMode {
                frame = Frame(size: context.size)
                Paragraph(dialog.title + " " + dialog.message).draw(into: &frame, in: Rect(size: context.size).inset(dx: 1, dy: 0))
            } else {
                dialog.draw(into: &frame, in: Rect(size: context.size), glyphs: context.glyphs)
            }
        case nil:
            break
        }
        return frame
    }

    private func screenView(_ screen: Screen, _ context: ViewContext) -> Frame {
        switch screen {
        case .welcome(let selected):
            WelcomeScreen.view(selected: selected, context: context)
        case .unavailable(let step, let journey):
            UnavailableStepScreen.view(step: step, journey: journey, version: version, context: context)
        }
    }
}
