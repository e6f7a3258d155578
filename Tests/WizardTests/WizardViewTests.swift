// How wizard screens look at the minimum size, in ASCII, in line mode, and through the run loop.
import Testing
import TUI
@testable import Wizard

@Suite("Wizard views")
struct WizardViewTests {
    let small = Size(width: 60, height: 16)

    @Test("the whole Welcome screen fits the 60×16 minimum, footer included")
    func welcomeFitsMinimum() {
        let text = Drive().text(small)
        #expect(text.contains("3. Make a diagnostics report"))
        #expect(text.contains("asking you first."))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).last?.contains("q Quit") == true)
    }

    @Test("ASCII terminals get ASCII pointer and borders, never box-drawing characters")
    func asciiGlyphs() {
        var drive = Drive()
        drive.press(.character("q"))
        let text = drive.text(small, glyphs: .ascii)
        #expect(text.contains("> 1. Set up"))
        #expect(text.contains("+-"))
        #expect(!text.unicodeScalars.contains { !$0.isASCII })
    }

    @Test("line mode names what to type, shows no selection, and prints help and questions as pages")
    func lineMode() {
        var drive = Drive()
        let welcome = drive.text(lineMode: true)
        #expect(welcome.contains("Type 1-3 and Enter"))
        #expect(!welcome.contains("›"))
        drive.press(.character("?"))
        let help = drive.text(lineMode: true)
        #expect(help.contains("Type b to close this help."))
        #expect(!help.contains("│"))
        drive.press(.escape, .character("q"))
        #expect(drive.text(lineMode: true).contains("Quit Onramp? Quitting loses nothing"))
    }

    @Test("through the run loop: help, back, quit with confirmation, terminal restored")
    func runLoop() async {
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24), script: [
            .key(.character("?")), .key(.escape), .key(.character("2")), .key(.escape),
            .key(.character("q")), .key(.character("y")),
        ])
        let status = await RunLoop.runOnOwnThread(Wizard(version: "test"), on: terminal)
        #expect(status == 0)
        #expect(terminal.restored)
        let texts = terminal.frames.map(\.text)
        #expect(texts.contains { $0.contains("─ Help ─") })
        #expect(texts.contains { $0.contains("Troubleshoot: Scan this computer") })
        #expect(texts.last?.contains("Quit Onramp?") == true)
    }
}
