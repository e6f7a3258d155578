// The built onramp in a real terminal (tmux): drawing, keys, resizing, ASCII and line mode,
// and a usable shell afterwards.
import Foundation
import Testing
import TestSupport

@Suite("Wizard in a real terminal", .serialized, .onOwnThread)
struct WizardInTmuxTests {
    @Test("at 80×24: welcome, help on ?, ESC back, q then y quits, and the shell works after")
    func standardTerminal() throws {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type(binary)
        try tmux.waitFor(text: "What would you like to do?")
        let lines = try tmux.lines()
        #expect(lines.first?.contains("Onramp: run AI on this computer") == true)
        #expect(lines.contains { $0.contains("› 1. Set up") })
        #expect(lines.dropLast().last?.contains("q Quit") == true || lines.last?.contains("q Quit") == true)

        try tmux.press("?")
        try tmux.waitFor(text: "This is the start of Onramp")
        try tmux.press("Escape")
        try tmux.waitFor("help to close") { !$0.contains("This is the start of Onramp") && $0.contains("What would you like") }

        try tmux.press("Down", "Enter")
        try tmux.waitFor(text: "Troubleshoot: Scan this computer")
        try tmux.press("Escape")
        try tmux.waitFor(text: "› 2. Troubleshoot")

        try tmux.press("q")
        try tmux.waitFor(text: "Quit Onramp?")
        try tmux.press("y")
        try tmux.waitForShell()
        try tmux.type("echo status $?")
        try tmux.waitFor(text: "status 0")
        try tmux.expectUsableShell()
    }

    @Test("at 40×10 the too-small notice shows, and the wizard appears once resized to 80×24")
    func tooSmallThenResized() throws {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 40, height: 10)
        defer { tmux.stop() }
        try tmux.type(binary)
        try tmux.waitFor(text: "Please make this window at least 60×16")
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor(text: "What would you like to do?")
        #expect(try !tmux.screen().contains("Please make this window"))
        try tmux.press("q")
        try tmux.waitFor(text: "Quit Onramp?")
        try tmux.press("y")
        try tmux.expectUsableShell()
    }

    @Test("with LANG=C the marks and borders are ASCII")
    func asciiLocale() throws {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type("LANG=C LC_ALL=C \(binary)")
        try tmux.waitFor(text: "> 1. Set up")
        try tmux.press("q")
        try tmux.waitFor(text: "Quit Onramp?")
        let screen = try tmux.screen()
        #expect(screen.contains("+- Quit Onramp? -"))
        #expect(!screen.contains("│") && !screen.contains("›") && !screen.contains("↑↓"))
        try tmux.press("y")
        try tmux.expectUsableShell()
    }

    @Test("with TERM=dumb it works in plain lines: typed choices, back, help, quit")
    func dumbTerminal() throws {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type("TERM=dumb \(binary)")
        try tmux.waitFor(text: "Type 1-3 and Enter to choose")
        try tmux.type("2")
        try tmux.waitFor(text: "Scan complete. Press Enter for")
        try tmux.type("")
        try tmux.waitFor(text: "Troubleshoot: Check for problems")
        try tmux.type("?")
        try tmux.waitFor(text: "Type b to close this help.")
        try tmux.type("b")
        try tmux.type("q")
        try tmux.waitFor(text: "Quit Onramp?")
        try tmux.type("y")
        try tmux.waitForShell()
        try tmux.type("echo status $?")
        try tmux.waitFor(text: "status 0")
        try tmux.expectUsableShell()
    }

    @Test("Ctrl-C quits at once with status 130 and restores the terminal")
    func controlC() throws {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type(binary)
        try tmux.waitFor(text: "What would you like to do?")
        try tmux.press("C-c")
        try tmux.waitForShell()
        try tmux.type("echo status $?")
        try tmux.waitFor(text: "status 130")
        try tmux.expectUsableShell()
    }

    @Test("Ctrl-Z suspends to the shell and fg draws the wizard again")
    func suspendAndResume() throws {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type(binary)
        try tmux.waitFor(text: "What would you like to do?")
        try tmux.press("C-z")
        try tmux.waitFor(text: "Stopped")
        try tmux.type("clear; fg")
        try tmux.waitFor(text: "What would you like to do?")
        try tmux.press("q")
        try tmux.waitFor(text: "Quit Onramp?")
        try tmux.press("y")
        try tmux.expectUsableShell()
    }

    @Test("Set up scans this machine area by area, a number shows an area's facts, Enter goes on, Esc comes back to the finished scan")
    func scanThisMachine() throws {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type(binary)
        try tmux.waitFor(text: "What would you like to do?")
        try tmux.press("1")
        try tmux.waitFor(text: "Set up: Scan this computer")
        try tmux.waitFor("the scan to finish", timeout: .seconds(60)) { $0.contains("Scan complete") }
        let screen = try tmux.screen()
        for area in ["1. Processor", "2. Memory", "3. Disk space", "4. Operating system"] {
            #expect(screen.contains("✓ \(area)"), "missing \(area)")
        }
        // No card here reads "– … none found" (looked, found nothing), never ✓ beside "none found".
        let graphics = try #require(screen.split(separator: "\n").first { $0.contains("6. Graphics and drivers") })
        #expect(graphics.contains("none found") ? graphics.contains("– 6.") : graphics.contains("✓ 6."), "\(graphics)")
        // A number opens the area's full facts; Esc goes back to the list, not off the screen.
        try tmux.press("1")
        // Both texts: a capture can fall between two rows of one frame.
        try tmux.waitFor("an area's details") { $0.contains("Architecture") && $0.contains("Enter Back to the list") }
        try tmux.press("Escape")
        try tmux.waitFor(text: "Scan complete")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Set up: Check for problems")
        try tmux.press("Escape")
        try tmux.waitFor(text: "Scan complete")
        try tmux.press("q")
        try tmux.waitFor(text: "Quit Onramp?")
        try tmux.press("y")
        try tmux.expectUsableShell()
    }
}
