// What the run loop needs from a terminal: its size and traits, a way to show a frame, and input.

/// One thing that arrived from the terminal side.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case resized(Size)
    /// SIGINT, SIGTERM or SIGHUP (or Ctrl-C read as a byte): leave now, restoring the terminal.
    case interrupted(signal: Int32)
    /// The mailbox has messages from finished work.
    case woken
    /// No more input will come (end of a test script, end of piped input).
    case closed
}

public protocol Terminal: AnyObject {
    var size: Size { get }
    var traits: DisplayTraits { get }
    /// Shows `frame`, changing only what differs from the frame shown before.
    func draw(_ frame: Frame)
    /// Blocks until input arrives or `wakeDescriptor` becomes readable (then returns `.woken`).
    /// `workPending` says background work will still report back (line mode holds its prompt).
    func nextInput(wakeDescriptor: Int32, workPending: Bool) -> TerminalInput
    /// Gives the terminal back as it was found. Safe to call more than once.
    func restore()
    /// Runs `work` with the terminal handed over to it (see `Command.attached`); `write` prints
    /// to the terminal. Full-screen terminals suspend the screen around it, wait for Enter, and
    /// redraw; the default just runs it, dropping what it writes.
    func handOver(_ work: (_ write: @escaping @Sendable (String) -> Void) -> Void)
}

extension Terminal {
    public func handOver(_ work: (_ write: @escaping @Sendable (String) -> Void) -> Void) {
        work { _ in }
    }

    /// True for terminals that print whole pages as text and read typed lines.
    public var isLineMode: Bool { self is LineTerminal }
}
