// The wizard's transitions: choosing, going back, help, and quitting only after confirmation.
import Testing
import TUI
@testable import Wizard

/// Feeds keys to `update` the way the run loop would and keeps every command it returned.
struct Drive {
    let wizard = Wizard(version: "9.9.9-test")
    var state = WizardState()
    var commands: [Command<WizardMessage>] = []

    mutating func press(_ keys: Key...) {
        for key in keys {
            let (next, produced) = wizard.update(state, .key(key))
            state = next
            commands += produced
        }
    }

    var quitStatus: Int32? {
        for command in commands {
            if case .quit(let status) = command { return status }
        }
        return nil
    }

    func text(_ size: Size = Size(width: 80, height: 24), glyphs: Glyphs = .unicode, lineMode: Bool = false) -> String {
        wizard.view(state, ViewContext(size: size, glyphs: glyphs, lineMode: lineMode)).text
    }
}

@Suite("Wizard transitions")
struct WizardUpdateTests {
    @Test("Welcome offers the three journeys and starts on Set up")
    func welcome() {
        let drive = Drive()
        #expect(drive.state.current == .welcome(selected: 0))
        let text = drive.text()
        for title in ["Set up", "Troubleshoot", "Make a diagnostics report", "without asking you first"] {
            #expect(text.contains(title), "missing \(title)")
        }
    }

    @Test("arrows move the choice and Enter opens that journey's first step")
    func chooseWithArrows() {
        var drive = Drive()
        drive.press(.down, .down, .down)
        #expect(drive.state.current == .welcome(selected: 2))
        drive.press(.up, .enter)
        #expect(drive.state.current == .unavailable(.scan, in: .troubleshoot))
        #expect(drive.state.screens.count == 2)
    }

    @Test("a number chooses directly")
    func chooseByNumber() {
        var drive = Drive()
        drive.press(.character("3"))
        #expect(drive.state.current == .unavailable(.scan, in: .report))
        drive.press(.escape, .character("9"))
        #expect(drive.state.current == .welcome(selected: 0))
    }

    @Test("a step not built yet says so honestly, with the version, and shows no progress")
    func unavailableStep() {
        var drive = Drive()
        drive.press(.enter)
        let text = drive.text()
        #expect(text.contains("Set up: Scan this computer"))
        #expect(text.contains("Step 1 of 6"))
        #expect(text.contains("not available yet in this version of Onramp (9.9.9-test)"))
        #expect(text.contains("Nothing was checked, installed or changed."))
        #expect(!text.contains("%"))
    }

    @Test("ESC goes back one screen; Enter on a missing step goes back too")
    func escapeGoesBack() {
        var drive = Drive()
        drive.press(.down, .enter, .escape)
        #expect(drive.state.current == .welcome(selected: 1))
        drive.press(.enter, .enter)
        #expect(drive.state.current == .welcome(selected: 1))
    }

    @Test("ESC on the first screen asks before quitting instead of doing nothing")
    func escapeOnWelcome() {
        var drive = Drive()
        drive.press(.escape)
        #expect(drive.state.asksToQuit)
        #expect(drive.quitStatus == nil)
    }

    @Test("F1 and ? open help for the current screen; ESC closes it and stays on the screen")
    func help() {
        var drive = Drive()
        drive.press(.character("?"))
        #expect(drive.state.showsHelp)
        #expect(drive.text().contains("This is the start of Onramp"))
        drive.press(.escape)
        #expect(!drive.state.showsHelp)
        #expect(drive.state.current == .welcome(selected: 0))
        drive.press(.character("2"), .f1)
        #expect(drive.text().contains("Troubleshoot, step \"Scan this computer\""))
        drive.press(.f1)
        #expect(!drive.state.showsHelp)
        #expect(drive.state.current == .unavailable(.scan, in: .troubleshoot))
    }

    @Test("keys inside help scroll it rather than acting on the screen below")
    func helpCapturesKeys() {
        var drive = Drive()
        drive.press(.character("?"), .down, .enter)
        #expect(drive.state.current == .welcome(selected: 0))
        #expect(!drive.state.showsHelp)
        drive.press(.character("?"), .character("1"))
        #expect(drive.state.current == .welcome(selected: 0))
    }

    @Test("help scrolls on a small terminal and stops at its last line")
    func helpScrolls() {
        var drive = Drive()
        _ = drive.wizard.update(drive.state, .resized(Size(width: 60, height: 16)))
        let (resized, _) = drive.wizard.update(drive.state, .resized(Size(width: 60, height: 16)))
        drive.state = resized
        drive.press(.character("?"))
        let top = drive.text(Size(width: 60, height: 16))
        drive.press(.pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        let bottom = drive.text(Size(width: 60, height: 16))
        #expect(top != bottom)
        #expect(bottom.contains("q quits"))
        drive.press(.down)
        #expect(drive.text(Size(width: 60, height: 16)) == bottom)
    }

    @Test("q asks first; n or ESC stay, y quits with status 0")
    func quitConfirmation() {
        var drive = Drive()
        drive.press(.character("q"))
        #expect(drive.state.asksToQuit)
        #expect(drive.text().contains("Quit Onramp?"))
        drive.press(.character("n"))
        #expect(!drive.state.asksToQuit)
        drive.press(.character("q"), .escape)
        #expect(!drive.state.asksToQuit)
        #expect(drive.quitStatus == nil)
        drive.press(.character("q"), .character("y"))
        #expect(drive.quitStatus == 0)
    }

    @Test("in the quit question Enter acts on the focused button, which starts on Stay")
    func quitButtons() {
        var drive = Drive()
        drive.press(.character("q"), .enter)
        #expect(drive.quitStatus == nil)
        #expect(!drive.state.asksToQuit)
        drive.press(.character("q"), .right, .enter)
        #expect(drive.quitStatus == 0)
    }
}
