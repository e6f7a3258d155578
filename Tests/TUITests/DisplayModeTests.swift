// Which way Onramp draws, decided from TERM, NO_COLOR, the locale, TTYs and --plain.
import Testing
import TUI

@Suite("Display mode")
struct DisplayModeTests {
    func environment(
        term: String? = "xterm-256color", noColor: Bool = false, utf8: Bool = true,
        stdin: Bool = true, stdout: Bool = true, plain: Bool = false
    ) -> TerminalEnvironment {
        TerminalEnvironment(term: term, noColor: noColor, utf8: utf8, stdinIsTerminal: stdin, stdoutIsTerminal: stdout, plainRequested: plain)
    }

    @Test("a UTF-8 xterm gets full screen with Unicode marks and colour")
    func normal() {
        #expect(environment().displayMode == .fullScreen(DisplayTraits(glyphs: .unicode, color: true)))
    }

    @Test("NO_COLOR turns colours off and keeps everything else")
    func noColor() {
        #expect(environment(noColor: true).displayMode == .fullScreen(DisplayTraits(glyphs: .unicode, color: false)))
    }

    @Test("a non-UTF-8 locale, the Linux console and VT100s get ASCII borders and marks", arguments: [
        (String?("xterm"), false), ("linux", true), ("vt100", true), ("vt220", true),
    ])
    func ascii(term: String?, utf8: Bool) {
        #expect(environment(term: term, utf8: utf8).displayMode.traits.glyphs == .ascii)
        if case .lines = environment(term: term, utf8: utf8).displayMode {
            Issue.record("\(term ?? "nil") should still be full screen")
        }
    }

    @Test("TERM=dumb, no TERM, a pipe on either side, or --plain give line mode")
    func lineMode() {
        for env in [
            environment(term: "dumb"), environment(term: nil), environment(term: ""),
            environment(stdin: false), environment(stdout: false), environment(plain: true),
        ] {
            guard case .lines(let traits) = env.displayMode else {
                Issue.record("expected line mode for \(env)")
                continue
            }
            #expect(traits.color == false)
        }
    }

    @Test("ASCII marks all line up at one width")
    func markWidths() {
        #expect(Glyphs.ascii.markWidth == 4)
        #expect(Glyphs.unicode.markWidth == 1)
    }
}
