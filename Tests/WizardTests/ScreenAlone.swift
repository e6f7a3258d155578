// One wizard screen run alone as a program on the in-memory terminal: keys and messages go straight
// to the screen's own update, with no wizard around it (no help, no quit question, no stack).
// Where the screen asks to go ends the run and is recorded, with the screen's last state.
import Synchronization
import TUI
@testable import Wizard

struct ScreenAlone: Program {
    struct State: Sendable {
        var screen: Screen
        var size: Size
    }

    /// What the run ended with: the screen's last state and where it asked to go (nil: it stayed).
    final class Record: Sendable {
        let screen: Mutex<Screen?> = Mutex(nil)
        let left: Mutex<Navigation?> = Mutex(nil)
        var lastScreen: Screen? { screen.withLock { $0 } }
        var navigation: Navigation? { left.withLock { $0 } }
    }

    let first: Screen
    /// Whether the screen starts as if just pushed (`opened`: a scan starts), or as it is.
    var opens = false
    var flow = Flow(canScan: true, canFix: true)
    var machineScan: MachineScan?
    var reports: ReportServices?
    var version = "test"
    let record = Record()
    let minimumSize = Size(width: 60, height: 16)

    func context(_ state: State) -> ScreenContext {
        ScreenContext(flow: flow, machineScan: machineScan, reports: reports, version: version, size: state.size, opening: 1)
    }

    func start() -> (State, [Command<WizardMessage>]) {
        let state = State(screen: first, size: Size(width: 80, height: 24))
        guard opens else { return (state, []) }
        let (opened, work) = first.program.opened(context(state))
        record.screen.withLock { $0 = opened }
        return (State(screen: opened, size: state.size), work)
    }

    func update(_ state: State, _ event: Event<WizardMessage>) -> (State, [Command<WizardMessage>]) {
        var state = state
        let input: ScreenInput
        switch event {
        case .resized(let size):
            state.size = size
            return (state, [])
        case .key(let key): input = .key(key)
        case .message(let message): input = .message(message)
        }
        let (navigation, commands) = state.screen.program.update(input, context(state))
        if case .stay(let screen) = navigation {
            state.screen = screen
            record.screen.withLock { $0 = screen }
            return (state, commands)
        }
        record.left.withLock { $0 = navigation }
        return (state, commands + [.quit(0)])
    }

    func view(_ state: State, _ view: ViewContext) -> Frame {
        state.screen.program.view(view, context(state))
    }

    /// Runs on a fresh in-memory terminal at 80×24 with these keys; returns the terminal.
    func run(keys: [Key]) async -> InMemoryTerminal {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24), script: keys.map { .key($0) })
        _ = await RunLoop.runOnOwnThread(self, on: terminal)
        return terminal
    }
}
