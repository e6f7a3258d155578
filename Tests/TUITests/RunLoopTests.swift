// The run loop against the in-memory terminal and, for line mode, real pipes.
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TUI

/// A small program that uses every kind of command, so the loop's plumbing is exercised end to end.
struct Counter: Program {
    struct State: Sendable {
        var count = 0
        var note = "started"
        var sizes: [Size] = []
    }

    enum Message: Sendable {
        case workDone(Int)
        case tick
    }

    let minimumSize = Size(width: 20, height: 5)

    func start() -> (State, [Command<Message>]) { (State(), []) }

    func update(_ state: State, _ event: Event<Message>) -> (State, [Command<Message>]) {
        var state = state
        switch event {
        case .key(.character("+")): state.count += 1
        case .key(.character("w")): return (state, [.perform { .workDone(42) }])
        case .key(.character("t")): return (state, [.after(.milliseconds(20), .tick)])
        case .key(.character("a")):
            return (state, [.attached { write in
                write("ran with the terminal")
                return .workDone(7)
            }])
        case .key(.character("q")): return (state, [.quit(3)])
        case .key(.character("s")):
            return (state, [.stream { send in (1...3).forEach { send(.workDone($0)) } }])
        case .key: break
        case .resized(let size): state.sizes.append(size)
        case .message(.workDone(let value)): state.note = "work gave \(value)"
        case .message(.tick): state.note = "tick"
        }
        return (state, [])
    }

    func view(_ state: State, _ context: ViewContext) -> Frame {
        var frame = Frame(size: context.size)
        frame.put("count \(state.count)", at: Point(x: 0, y: 0))
        frame.put(state.note, at: Point(x: 0, y: 1))
        frame.put(context.lineMode ? "typed" : "keys", at: Point(x: 0, y: 2))
        return frame
    }
}

@Suite("Run loop")
struct RunLoopTests {
    let size = Size(width: 30, height: 6)

    @Test("keys update the state, the view is redrawn, and the terminal is restored at the end")
    func keysAndRestore() async {
        let terminal = InMemoryTerminal(size: size, script: [.key(.character("+")), .key(.character("+"))])
        let status = await RunLoop.runOnOwnThread(Counter(), on: terminal)
        #expect(status == 0)
        #expect(terminal.lastFrame?.text.hasPrefix("count 2") == true)
        #expect(terminal.restored)
    }

    @Test("a key that changes nothing does not redraw")
    func noRedundantDraws() async {
        let terminal = InMemoryTerminal(size: size, script: [.key(.character("x")), .key(.character("x")), .key(.character("+"))])
        _ = await RunLoop.runOnOwnThread(Counter(), on: terminal)
        #expect(terminal.frames.count == 2)
    }

    @Test("quit ends the loop with the program's exit status, ignoring later keys")
    func quit() async {
        let terminal = InMemoryTerminal(size: size, script: [.key(.character("q")), .key(.character("+"))])
        #expect(await RunLoop.runOnOwnThread(Counter(), on: terminal) == 3)
        #expect(terminal.lastFrame?.text.hasPrefix("count 0") == true)
        #expect(terminal.restored)
    }

    @Test("background work, streams and timers report back even after input has ended")
    func asyncWork() async {
        let work = InMemoryTerminal(size: size, script: [.key(.character("w"))])
        _ = await RunLoop.runOnOwnThread(Counter(), on: work)
        #expect(work.lastFrame?.text.contains("work gave 42") == true)

        let stream = InMemoryTerminal(size: size, script: [.key(.character("s"))])
        _ = await RunLoop.runOnOwnThread(Counter(), on: stream)
        #expect(stream.lastFrame?.text.contains("work gave 3") == true)

        let timer = InMemoryTerminal(size: size, script: [.key(.character("t"))])
        _ = await RunLoop.runOnOwnThread(Counter(), on: timer)
        #expect(timer.lastFrame?.text.contains("tick") == true)
    }

    @Test("attached work runs with the terminal handed over, then its message arrives and the screen is redrawn")
    func attachedWork() async {
        let terminal = InMemoryTerminal(size: size, script: [.key(.character("a"))])
        _ = await RunLoop.runOnOwnThread(Counter(), on: terminal)
        #expect(terminal.handedOverText == "ran with the terminal")
        #expect(terminal.lastFrame?.text.contains("work gave 7") == true)
    }

    @Test("too small a terminal shows the size notice, and the screen comes back after a resize")
    func tooSmall() async {
        let terminal = InMemoryTerminal(
            size: Size(width: 12, height: 4),
            traits: DisplayTraits(glyphs: .ascii, color: false),
            script: [.key(.character("+")), .resized(size)]
        )
        _ = await RunLoop.runOnOwnThread(Counter(), on: terminal)
        #expect(terminal.frames.first?.text.contains("Please make") == true)
        #expect(terminal.frames.first?.text.contains("20x5") == true)
        #expect(terminal.lastFrame?.text.hasPrefix("count 1") == true)
        #expect(terminal.lastFrame?.size == size)
    }

    @Test("an interrupt ends the loop at once with 128 + the signal, terminal restored")
    func interrupt() async {
        let terminal = InMemoryTerminal(size: size, script: [.interrupted(signal: SIGINT), .key(.character("+"))])
        #expect(await RunLoop.runOnOwnThread(Counter(), on: terminal) == 130)
        #expect(terminal.restored)
    }

    @Test("line mode prints each new page once, reads typed lines from a real pipe and answers a line that did nothing")
    func lineModeOverPipes() async throws {
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        try #require(pipe(&input) == 0 && pipe(&output) == 0)
        let typed = Array("+\n\nx\n+\n".utf8)
        _ = typed.withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
        close(input[1])
        let (inputEnd, outputEnd) = (input[0], output[1])
        let status = await DedicatedThread.run(name: "line-mode-test") {
            RunLoop.run(Counter(), on: LineTerminal(traits: DisplayTraits(glyphs: .ascii, color: false), input: inputEnd, output: outputEnd))
        }
        #expect(status == 0)
        close(output[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer.prefix(count)
        }
        close(output[0])
        close(input[0])
        let printed = String(decoding: bytes, as: UTF8.self)
        // The prompt appears only when Onramp waits for a line; lines already typed are taken at once.
        // A line that changes nothing (Enter alone, "x") is answered with the page's last line.
        #expect(printed == "count 0\nstarted\ntyped\n> \ncount 1\nstarted\ntyped\n"
            + "Enter alone does nothing here. typed\n\"x\" does nothing here. typed\n"
            + "\ncount 2\nstarted\ntyped\n> ")
    }
}
