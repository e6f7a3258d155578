// The wizard as an Elm program: pure `update` from state and event, pure `view` from state to a frame.
import Doctor
import TUI

public struct Wizard: Program {
    public typealias State = WizardState
    public typealias Message = WizardMessage

    /// Printed on screens that mention what this version can do.
    public let version: String
    /// Nil in builds or tests without a probe: the Scan step then says it is not available.
    public let machineScan: MachineScan?
    public let minimumSize = Size(width: 60, height: 16)
    let flow: Flow

    public init(version: String, machineScan: MachineScan? = nil) {
        self.version = version
        self.machineScan = machineScan
        self.flow = Flow(canScan: machineScan != nil, canFix: machineScan?.fixTarget != nil)
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
        case .message(let message):
            receive(message, into: &state)
            return (state, [])
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
        // The fix dialog takes every key: only y runs the fix, and nothing else happens meanwhile.
        if case .checks(var progress, let journey) = state.current, let offer = progress.fixQuestion {
            var commands: [Command<WizardMessage>] = []
            switch ChecksScreen.answer(to: key, offer: offer) {
            case .run(let offer):
                progress.fixQuestion = nil
                if let makeTarget = machineScan?.fixTarget {
                    progress.fixNote = "Running the fix…"
                    commands = [ChecksScreen.fixCommand(offer, target: makeTarget)]
                }
            case .cancel:
                progress.fixQuestion = nil
            case .undecided:
                break
            }
            state.replaceCurrent(with: .checks(progress, in: journey))
            return (state, commands)
        }
        if key.asksForHelp {
            state.overlay = .help(offset: 0)
        } else if key == .character("q") || key == .character("Q") {
            state.overlay = .quitConfirmation(quitSelected: false)
        } else if key == .escape {
            goBack(&state)
        } else {
            let commands = navigate(&state, screenUpdate(state.current, key, size: state.size))
            return (state, commands)
        }
        return (state, [])
    }

    /// Results of background work update the screen that asked for them, if it is still showing.
    private func receive(_ message: WizardMessage, into state: inout WizardState) {
        switch message {
        case .scanned(let update, let run):
            guard case .scan(var progress, let journey) = state.current, progress.run == run else { return }
            progress.apply(update)
            state.replaceCurrent(with: .scan(progress, in: journey))
        case .fixed(let result):
            guard case .checks(var progress, let journey) = state.current else { return }
            if let after = result.after { progress.recheck(after) }
            progress.fixNote = result.summary
            state.replaceCurrent(with: .checks(progress, in: journey))
        }
    }

    /// Esc goes back a screen; on the first screen there is nowhere back to, so it offers to quit.
    private func goBack(_ state: inout WizardState) {
        // Inside a finding's details, back means back to the list, not off the screen.
        if case .checks(var progress, let journey) = state.current, progress.detailOffset != nil {
            progress.detailOffset = nil
            state.replaceCurrent(with: .checks(progress, in: journey))
            return
        }
        if state.screens.count > 1 {
            state.screens.removeLast()
        } else {
            state.overlay = .quitConfirmation(quitSelected: false)
        }
    }

    private func navigate(_ state: inout WizardState, _ navigation: Navigation) -> [Command<WizardMessage>] {
        switch navigation {
        case .stay(let screen):
            state.replaceCurrent(with: screen)
        case .open(let screen):
            state.screens.append(screen)
            return startWork(for: screen, &state)
        case .back:
            goBack(&state)
        }
        return []
    }

    /// Screens that show work in progress start it when they open.
    private func startWork(for screen: Screen, _ state: inout WizardState) -> [Command<WizardMessage>] {
        guard case .scan(_, let journey) = screen, let machineScan else { return [] }
        state.scanRuns += 1
        state.replaceCurrent(with: .scan(ScanProgress(run: state.scanRuns), in: journey))
        return [ScanScreen.command(run: state.scanRuns, scan: machineScan)]
    }

    private func screenUpdate(_ screen: Screen, _ key: Key, size: Size) -> Navigation {
        switch screen {
        case .welcome(let selected): WelcomeScreen.update(selected: selected, key: key, flow: flow)
        case .scan(let progress, let journey): ScanScreen.update(progress, journey: journey, key: key, flow: flow)
        case .checks(let progress, let journey):
            ChecksScreen.update(progress, journey: journey, key: key, size: size, flow: flow)
        case .unavailable(let step, let journey): UnavailableStepScreen.update(step: step, journey: journey, key: key)
        }
    }

    /// Keys inside help scroll it; Esc, b, q, Enter, F1 and ? close it.
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
        case .scan(let progress, let journey):
            ScanScreen.view(progress, journey: journey, context: context)
        case .checks(let progress, let journey):
            ChecksScreen.view(progress, journey: journey, context: context)
        case .unavailable(let step, let journey):
            UnavailableStepScreen.view(step: step, journey: journey, version: version, context: context)
        }
    }
}
