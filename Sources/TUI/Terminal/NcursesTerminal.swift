// The real terminal, through ncursesw: full screen, keys without ESC delay, resize, suspend and colours.
import CNcurses
#if canImport(Glibc)
import Glibc
#endif

public final class NcursesTerminal: Terminal {
    public private(set) var size: Size
    public let traits: DisplayTraits
    private let signals: Int32
    private let decoder = KeyDecoder()
    private var shown: Frame?
    private var pendingSignals: [Int32] = []
    private var isOpen = true
    private let screen: OpaquePointer

    /// Starts full-screen mode; nil when ncurses cannot drive this terminal (unknown TERM, no terminfo),
    /// in which case the caller falls back to line mode.
    public static func open(traits: DisplayTraits) -> NcursesTerminal? {
        guard let signals = SignalPipe.install() else { return nil }
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              let screen = newterm(nil, output, input)
        else {
            SignalPipe.uninstall()
            return nil
        }
        return NcursesTerminal(screen: screen, traits: traits, signals: signals)
    }

    private init(screen: OpaquePointer, traits: DisplayTraits, signals: Int32) {
        self.screen = screen
        self.signals = signals
        _ = set_term(screen)
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(onramp_stdscr(), true)
        _ = nodelay(onramp_stdscr(), true)
        _ = intrflush(onramp_stdscr(), false)
        _ = curs_set(0)
        // ncurses waits a full second after ESC by default, to see whether an arrow key follows.
        _ = set_escdelay(25)
        let useColor = traits.color && has_colors()
        self.traits = DisplayTraits(glyphs: traits.glyphs, color: useColor)
        if useColor {
            _ = start_color()
            _ = use_default_colors()
            for (pair, color) in Self.colorPairs {
                _ = init_pair(Int16(pair), Int16(color), -1)
            }
        }
        size = Size(width: Int(onramp_cols()), height: Int(onramp_lines()))
    }

    private static let colorPairs: [(Int, Int32)] = [(1, COLOR_CYAN), (2, COLOR_GREEN), (3, COLOR_YELLOW), (4, COLOR_RED)]

    public func draw(_ frame: Frame) {
        if shown == nil || shown?.size != frame.size {
            onramp_erase()
            shown = nil
        }
        for y in 0..<min(frame.size.height, size.height) {
            drawChanges(in: y, of: frame)
        }
        onramp_refresh()
        shown = frame
    }

    /// Writes only the span of a row that changed, in runs of equal style.
    private func drawChanges(in y: Int, of frame: Frame) {
        let new = frame.row(y)
        let old = shown?.row(y) ?? []
        let width = min(new.count, size.width)
        guard let first = (0..<width).first(where: { $0 >= old.count || old[$0] != new[$0] }) else { return }
        let last = (first..<width).last(where: { $0 >= old.count || old[$0] != new[$0] }) ?? first
        var x = first
        while x <= last {
            let style = new[x].style
            var run = ""
            var end = x
            while end <= last, new[end].style == style {
                run.append(new[end].character)
                end += 1
            }
            onramp_set_attributes(attributes(for: style))
            onramp_put_text(Int32(y), Int32(x), run)
            x = end
        }
        onramp_set_attributes(0)
    }

    private func attributes(for style: Style) -> Int32 {
        var value: Int32 = 0
        if style.bold { value |= onramp_attr_bold() }
        if style.reverse { value |= onramp_attr_reverse() }
        if style.dim { value |= onramp_attr_dim() }
        if traits.color, let pair = Self.pair(for: style.tone) { value |= onramp_color_pair(pair) }
        return value
    }

    private static func pair(for tone: Tone) -> Int32? {
        switch tone {
        case .normal: nil
        case .accent: 1
        case .good: 2
        case .warning: 3
        case .bad: 4
        }
    }

    public func nextInput(wakeDescriptor: Int32, workPending: Bool) -> TerminalInput {
        while true {
            pendingSignals += FileDescriptors.drain(signals).map { Int32($0) }
            if let signal = pendingSignals.first {
                pendingSignals.removeFirst()
                if let input = handle(signal: signal) { return input }
                continue
            }
            // ncurses may already hold bytes it read ahead (the tail of an escape sequence),
            // so ask it first and only then sleep in poll.
            var code: UInt32 = 0
            let result = onramp_get_wide_key(&code)
            if result != onramp_err() {
                switch decoder.decode(code, isFunctionKey: result == onramp_key_code_yes()) {
                case .key(let key): return .key(key)
                // resizeterm queues KEY_RESIZE itself; ncurses has the new size already.
                case .resized: return .resized(adoptCursesSize())
                case .interrupt: return .interrupted(signal: SIGINT)
                case .ignored: continue
                }
            }
            let ready = FileDescriptors.waitForInput([STDIN_FILENO, signals, wakeDescriptor])
            if ready.contains(wakeDescriptor) { return .woken }
        }
    }

    private func handle(signal: Int32) -> TerminalInput? {
        switch signal {
        case SIGWINCH:
            return .resized(refreshSize())
        case SIGCONT:
            // Back from Ctrl-Z: the shell has drawn over the screen, so repaint all of it.
            onramp_force_full_redraw()
            shown = nil
            return .resized(refreshSize())
        case SIGINT, SIGTERM, SIGHUP:
            return .interrupted(signal: signal)
        default:
            return nil
        }
    }

    /// Asks the kernel for the window's size and tells ncurses, after SIGWINCH or SIGCONT.
    private func refreshSize() -> Size {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if onramp_window_size(STDOUT_FILENO, &rows, &cols) == 1, rows > 0, cols > 0 {
            _ = resizeterm(rows, cols)
        }
        return adoptCursesSize()
    }

    /// Takes ncurses' idea of the size and forgets what was on screen, so the next frame is drawn
    /// whole. It does not erase here: wget_wch refreshes the window, and an erased window would
    /// blank the screen until the next draw.
    private func adoptCursesSize() -> Size {
        size = Size(width: Int(onramp_cols()), height: Int(onramp_lines()))
        shown = nil
        return size
    }

    /// Leaves full-screen mode as Ctrl-Z does (`endwin` gives back the shell's terminal settings),
    /// runs `work` on the plain terminal, waits for Enter so its output can be read, then returns
    /// to full-screen mode and repaints everything.
    public func handOver(_ work: (_ write: @escaping @Sendable (String) -> Void) -> Void) {
        guard isOpen else { return work { FileDescriptors.write($0, to: STDOUT_FILENO) } }
        _ = curs_set(1)
        _ = endwin()
        let write: @Sendable (String) -> Void = { FileDescriptors.write($0, to: STDOUT_FILENO) }
        write("\n")
        work(write)
        write("\nPress Enter to return to Onramp. ")
        Self.waitForEnter()
        _ = curs_set(0)
        onramp_force_full_redraw()
        onramp_refresh()
        shown = nil
    }

    /// Reads the plain (line-buffered) terminal until a newline or the end of input.
    private static func waitForEnter() {
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return }
        }
    }

    public func restore() {
        guard isOpen else { return }
        isOpen = false
        _ = curs_set(1)
        _ = endwin()
        delscreen(screen)
        SignalPipe.uninstall()
    }

    deinit {
        restore()
    }
}
