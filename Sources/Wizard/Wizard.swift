// The wizard as an Elm program: pure `update` from state and event, pure `view` from state to a frame.
// It only routes: keys and messages go to the top screen (a `ScreenProgram` of its own), whose
// answer moves the stack of screens; help and the quit question are drawn over any screen.
import TUI

public struct Wizard: Program {
    public typealias State = WizardState
    public typealias Message = WizardMessage

    /// Printed on screens that mention what this version can do.
    public let version: String
    /// Nil in builds or tests without a probe: the Scan step then says it is not available.
    public let machineScan: MachineScan?
    /// Nil in builds or tests without them: the model steps then say they are not available.
    public let models: ModelServices?
    /// Nil in builds or tests without it: the Report step then says it is not available.
    public let reports: ReportServices?
    public let minimumSize = Size(width: 60, height: 16)
    let flow: Flow
    /// `--yes`: each screen's offer is accepted as soon as it is ready (see `autoAnswer`).
    public var acceptsEverything = false

    public init(version: String, machineScan: MachineScan? = nil, models: ModelServices? = nil, reports: ReportServices? = nil) {
        self.version = version
        self.machineScan = machineScan
        self.models = models
        self.reports = reports
        self.flow = Flow(
            canScan: machineScan != nil, canFix: machineScan?.fixTarget != nil, hasModels: models != nil, hasReports: reports != nil)
    }

    public func start() -> (WizardState, [Command<WizardMessage>]) {
        (WizardState(), [])
    }

    public func update(_ state: WizardState, _ event: Event<WizardMessage>) -> (WizardState, [Command<WizardMessage>]) {
        if case .message(.accept(let key, let opening)) = event {
            var state = state
            state.acceptScheduled = false
            guard opening == state.openings else { return scheduleAcceptance(state, []) }
            guard let key else { return (state, [.quit(1)]) }
            let (next, commands) = routed(state, .key(key))
            return scheduleAcceptance(next, commands)
        }
        let (next, commands) = routed(state, event)
        return scheduleAcceptance(next, commands)
    }

    /// With `--yes`, the top screen's offer is accepted a moment later, as a message: the run loop
    /// draws the screen first, so the printed pages show what was accepted (or what failed).
    private func scheduleAcceptance(_ state: WizardState, _ commands: [Command<WizardMessage>]) -> (WizardState, [Command<WizardMessage>]) {
        guard acceptsEverything, !state.acceptScheduled, state.overlay == nil, let answer = state.current.program.autoAnswer else {
            return (state, commands)
        }
        var state = state
        state.acceptScheduled = true
        let key: Key? = if case .key(let key) = answer { key } else { nil }
        return (state, commands + [.after(.milliseconds(20), .accept(key, opening: state.openings))])
    }

    private func routed(_ state: WizardState, _ event: Event<WizardMessage>) -> (WizardState, [Command<WizardMessage>]) {
        var state = state
        switch event {
        case .resized(let size):
            state.size = size
            return (state, [])
        case .message(let message):
            // Results of background work go to the top screen; it keeps the ones meant for it.
            let (navigation, commands) = state.current.program.update(.message(message), context(state))
            let work = navigate(&state, navigation)
            return (state, work + commands)
        case .key(let key):
            if let overlay = state.overlay {
                return answer(key, in: overlay, state)
            }
            let screen = state.current.program
            if !screen.takesEveryKey {
                if key.asksForHelp {
                    state.overlay = .help(offset: 0)
                    return (state, [])
                }
                if key == .character("q") || key == .character("Q") {
                    state.overlay = .quitConfirmation(quitSelected: false)
                    return (state, [])
                }
            }
            let (navigation, commands) = screen.update(.key(key), context(state))
            let work = navigate(&state, navigation)
            return (state, work + commands)
        }
    }

    /// What every screen may use: the services, the terminal's size, the current opening's number.
    private func context(_ state: WizardState) -> ScreenContext {
        ScreenContext(
            flow: flow, machineScan: machineScan, models: models, reports: reports, version: version, size: state.size, opening: state.openings)
    }

    /// Moves the stack as the screen asked; a screen that opens may start work.
    private func navigate(_ state: inout WizardState, _ navigation: Navigation) -> [Command<WizardMessage>] {
        switch navigation {
        case .stay(let screen):
            state.replaceCurrent(with: screen)
        case .open(let screen):
            state.openings += 1
            state.screens.append(screen)
            let (opened, work) = screen.program.opened(context(state))
            state.replaceCurrent(with: opened)
            return work
        case .back:
            // On the first screen there is nowhere back to, so it offers to quit.
            if state.screens.count > 1 {
                state.screens.removeLast()
            } else {
                state.overlay = .quitConfirmation(quitSelected: false)
            }
        }
        return []
    }

    /// Keys inside help scroll it (Esc, b, q, Enter, F1 and ? close it); the quit question
    /// takes y or n, or moves between its buttons.
    private func answer(_ key: Key, in overlay: Overlay, _ state: WizardState) -> (WizardState, [Command<WizardMessage>]) {
        var state = state
        switch overlay {
        case .help(let offset):
            switch key {
            case .escape, .enter, .f1, .character("?"), .character("b"), .character("q"), .character("Q"):
                state.overlay = nil
            default:
                let (lines, page) = HelpPage.extent(for: state.current, context(state), in: state.size)
                state.overlay = .help(offset: TextViewer.scrolled(offset, by: key, lineCount: lines, page: page))
            }
        case .quitConfirmation(let quitSelected):
            switch QuitQuestion.answer(to: key, quitSelected: quitSelected) {
            case .quit: return (state, [.quit(0)])
            case .stay: state.overlay = nil
            case .undecided(let selected): state.overlay = .quitConfirmation(quitSelected: selected)
            }
        }
        return (state, [])
    }

    public func view(_ state: WizardState, _ context: ViewContext) -> Frame {
        var frame = state.current.program.view(context, self.context(state))
        switch state.overlay {
        case .help(let offset):
            HelpPage.draw(into: &frame, screen: state.current, self.context(state), offset: offset, context: context)
        case .quitConfirmation(let quitSelected):
            let dialog = QuitQuestion.dialog(quitSelected: quitSelected, lineMode: context.lineMode)
            if context.lineMode {
                frame = Frame(size: context.size)
                Paragraph(dialog.title + " " + dialog.message).draw(into: &frame, in: Rect(size: context.size).inset(dx: 1, dy: 0))
            } else {
                dialog.draw(into: &frame, in: Rect(size: context.size), glyphs: context.glyphs)
            }
        case nil:
            // With --yes the page says what is accepted on it, in place of the keys to type.
            // Whole, never cut: two lines at most (the footer's and the blank one above it).
            if acceptsEverything, state.acceptScheduled, let note = state.current.program.acceptanceNote {
                let width = context.size.width - 2
                let rows = min(2, TextWrap.lines(note, width: width).count)
                let area = Rect(x: 1, y: context.size.height - rows, width: width, height: rows)
                frame.fill(Rect(x: 0, y: area.y, width: context.size.width, height: rows))
                Paragraph(note, style: .bold).draw(into: &frame, in: area)
            }
        }
        return frame
    }
}
