// The Elm-style contract between a screen program and the run loop: state, events, commands, view.

/// Something that happened: a key, a new terminal size, or a message a command sent back.
public enum Event<Message: Sendable>: Sendable {
    case key(Key)
    case resized(Size)
    case message(Message)
}

/// Work the run loop does on a program's behalf. `update` stays pure by returning these
/// instead of doing I/O itself.
public enum Command<Message: Sendable>: Sendable {
    /// Leave the run loop; the program has finished with this exit status.
    case quit(Int32)
    /// Run `work` off the terminal's thread and deliver its result as a message.
    case perform(@Sendable () async -> Message)
    /// Deliver `message` after `delay` (timers, animation ticks).
    case after(Duration, Message)
    /// Run `work` off the terminal's thread; it may send any number of messages as it goes
    /// (a scan reporting each area as it completes).
    case stream(@Sendable (_ send: @escaping @Sendable (Message) -> Void) async -> Void)
    /// Run `work` with the terminal handed over to it (`Terminal.handOver`): the full screen is
    /// suspended as for Ctrl-Z, so programs it starts print straight to the terminal and can ask
    /// questions (sudo's password); `write` prints there too. The terminal then waits for Enter,
    /// the screen comes back and is redrawn, and the result is delivered as a message. The run
    /// loop waits for it: nothing else is drawn while the terminal is handed over.
    case attached(@Sendable (_ write: @escaping @Sendable (String) -> Void) -> Message)
}

/// What a view needs to know about the surface it draws on.
public struct ViewContext: Hashable, Sendable {
    public var size: Size
    public var glyphs: Glyphs
    /// True in line mode: the frame is printed as text and answers are typed lines, so hints
    /// should name what to type rather than which key to press.
    public var lineMode: Bool

    public init(size: Size, glyphs: Glyphs, lineMode: Bool = false) {
        self.size = size
        self.glyphs = glyphs
        self.lineMode = lineMode
    }
}

public protocol Program: Sendable {
    associatedtype State: Sendable
    associatedtype Message: Sendable

    /// Below this size the run loop shows a "please make this window larger" notice instead.
    var minimumSize: Size { get }
    func start() -> (State, [Command<Message>])
    func update(_ state: State, _ event: Event<Message>) -> (State, [Command<Message>])
    func view(_ state: State, _ context: ViewContext) -> Frame
}
