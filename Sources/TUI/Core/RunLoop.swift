// Drives a Program on a Terminal: feeds it events, carries out its commands, redraws what changed.

public enum RunLoop {
    /// Runs until the program quits, input ends with no work left, or a signal interrupts.
    /// Returns the exit status: the program's own, or 128 + the signal number.
    /// `onFirstFrame` is called right after the first frame reached the terminal (start-up timing).
    public static func run<P: Program>(
        _ program: P, on terminal: any Terminal, onFirstFrame: (() -> Void)? = nil
    ) -> Int32 {
        defer { terminal.restore() }
        let mailbox = Mailbox<P.Message>()
        var loop = LoopState(program: program, mailbox: mailbox, terminal: terminal)
        let (initial, commands) = program.start()
        loop.state = initial
        loop.perform(commands)
        // Programs learn the terminal's size the same way at start as after a resize.
        loop.handle(.resized(terminal.size))
        var firstFrame = onFirstFrame
        while loop.exitStatus == nil {
            for post in mailbox.takeAll() {
                if post.endsWork { loop.pendingWork -= 1 }
                if let message = post.message { loop.handle(.message(message)) }
            }
            if loop.exitStatus != nil { break }
            loop.render(on: terminal)
            if let report = firstFrame {
                report()
                firstFrame = nil
            }
            switch terminal.nextInput(wakeDescriptor: mailbox.wakeDescriptor, workPending: loop.pendingWork > 0) {
            case .key(let key): loop.handle(.key(key))
            case .resized(let size):
                // The terminal forgot its contents (new size, or back from Ctrl-Z): draw even an unchanged frame.
                loop.shown = nil
                loop.handle(.resized(size))
            case .interrupted(let signal): loop.exitStatus = 128 + signal
            case .woken: continue
            case .closed:
                guard loop.pendingWork > 0 else { return 0 }
                mailbox.waitForMail()
            }
        }
        return loop.exitStatus ?? 0
    }
}

/// The run loop's working variables, so each step is a small method instead of one long function.
private struct LoopState<P: Program> {
    let program: P
    let mailbox: Mailbox<P.Message>
    let terminal: any Terminal
    var state: P.State?
    var pendingWork = 0
    var exitStatus: Int32?
    var shown: Frame?

    init(program: P, mailbox: Mailbox<P.Message>, terminal: any Terminal) {
        self.program = program
        self.mailbox = mailbox
        self.terminal = terminal
    }

    mutating func handle(_ event: Event<P.Message>) {
        guard let current = state else { return }
        let (next, commands) = program.update(current, event)
        state = next
        perform(commands)
    }

    mutating func perform(_ commands: [Command<P.Message>]) {
        for command in commands {
            switch command {
            case .quit(let status):
                exitStatus = status
            case .perform(let work):
                pendingWork += 1
                let mailbox = self.mailbox
                Task.detached { mailbox.post(await work(), endsWork: true) }
            case .after(let delay, let message):
                pendingWork += 1
                let mailbox = self.mailbox
                Task.detached {
                    try? await Task.sleep(for: delay)
                    mailbox.post(message, endsWork: true)
                }
            case .stream(let work):
                pendingWork += 1
                let mailbox = self.mailbox
                Task.detached {
                    await work { mailbox.post($0, endsWork: false) }
                    mailbox.post(nil, endsWork: true)
                }
            case .attached(let work):
                // On this thread, on purpose: the terminal belongs to the work until it returns.
                var result: P.Message?
                terminal.handOver { write in result = work(write) }
                // The screen was given away; draw the next frame whole.
                shown = nil
                if let result { mailbox.post(result, endsWork: false) }
            }
        }
    }

    mutating func render(on terminal: any Terminal) {
        guard let state else { return }
        let frame = Self.frame(
            program: program, state: state, size: terminal.size, glyphs: terminal.traits.glyphs,
            lineMode: terminal.isLineMode
        )
        guard frame != shown else { return }
        terminal.draw(frame)
        shown = frame
    }

    /// The program's view, or the size notice when the terminal is smaller than the program needs.
    static func frame(program: P, state: P.State, size: Size, glyphs: Glyphs, lineMode: Bool) -> Frame {
        guard size.fits(program.minimumSize) else {
            return SizeNotice(minimum: program.minimumSize).frame(size: size, glyphs: glyphs)
        }
        return program.view(state, ViewContext(size: size, glyphs: glyphs, lineMode: lineMode))
    }
}

extension RunLoop {
    /// `run` on a thread of its own, awaited without holding one of the shared async threads
    /// (which the program's background work needs in order to finish).
    public static func runOnOwnThread<P: Program, T: Terminal & Sendable>(
        _ program: P, on terminal: T, onFirstFrame: (@Sendable () -> Void)? = nil
    ) async -> Int32 {
        await DedicatedThread.run(name: "onramp-terminal") {
            run(program, on: terminal, onFirstFrame: onFirstFrame)
        }
    }
}
