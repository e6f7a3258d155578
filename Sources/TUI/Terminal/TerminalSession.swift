// Starting point for a program: reads the environment, picks full screen or line mode, runs the loop.
import CNcurses
#if canImport(Glibc)
import Glibc
#endif

extension TerminalEnvironment {
    /// This process's environment. Sets the locale from LANG/LC_* first, as ncurses needs for UTF-8.
    public static func current(plainRequested: Bool) -> TerminalEnvironment {
        _ = setlocale(LC_ALL, "")
        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        return TerminalEnvironment(
            term: getenv("TERM").map { String(cString: $0) },
            noColor: noColor,
            utf8: onramp_codeset_is_utf8() == 1,
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            plainRequested: plainRequested
        )
    }
}

public enum TerminalSession {
    /// Runs `program` on the terminal this process has, and returns its exit status.
    /// Full screen falls back to line mode when ncurses cannot start on this terminal.
    public static func run<P: Program>(
        _ program: P, environment: TerminalEnvironment, onFirstFrame: (() -> Void)? = nil
    ) -> Int32 {
        switch environment.displayMode {
        case .fullScreen(let traits):
            if let terminal = NcursesTerminal.open(traits: traits) {
                return RunLoop.run(program, on: terminal, onFirstFrame: onFirstFrame)
            }
            let fallback = DisplayTraits(glyphs: traits.glyphs, color: false)
            return RunLoop.run(program, on: LineTerminal(traits: fallback), onFirstFrame: onFirstFrame)
        case .lines(let traits):
            return RunLoop.run(program, on: LineTerminal(traits: traits, width: outputWidth()), onFirstFrame: onFirstFrame)
        }
    }

    /// Line mode wraps at the terminal's width when there is one (a dumb terminal still has a size).
    private static func outputWidth() -> Int {
        var rows: Int32 = 0
        var cols: Int32 = 0
        guard onramp_window_size(STDOUT_FILENO, &rows, &cols) == 1, cols > 0 else { return 80 }
        return Int(cols)
    }
}
