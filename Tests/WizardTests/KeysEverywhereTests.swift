// Keys mean the same on every screen: each footer offers help and quit, each help page lists the
// footer's keys, q twice quits, numbers choose where a list is numbered, and a key that cannot do
// what it asks says so instead of doing nothing.
import Probe
import Testing
import TUI
@testable import Wizard

@Suite("Keys on every screen")
struct KeysEverywhereTests {
    let context = ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)

    /// One state of every kind of screen, with the flow that reaches it.
    func everyScreen() -> [(Screen, Flow)] {
        var scanned = ScanProgress(run: 1)
        scanned.completed = ProbeArea.allCases
        let models = Flow(canScan: true, canFix: true, hasModels: true, hasReports: true)
        let answers = SetupAnswers(facts: MachineFacts(), modelPath: "/models/a.gguf")
        var scanDetails = scanned
        scanDetails.detailArea = .gpus
        var details = ChecksProgress(facts: MachineFacts(), canFix: true)
        details.detailOffset = 0
        return [
            (.welcome(selected: 0), models),
            (.scan(ScanProgress(run: 1), in: .setUp), models),
            (.scan(scanned, in: .setUp), models),
            (.scan(scanDetails, in: .setUp), models),
            (.checks(ChecksProgress(facts: MachineFacts(), canFix: true), in: .setUp), models),
            (.checks(ChecksProgress(facts: MachineFacts(), canFix: true), in: .troubleshoot), models),
            (.checks(details, in: .troubleshoot), models),
            (.recommend(RecommendProgress(answers: answers), in: .setUp), models),
            (.download(DownloadState(answers: answers), in: .setUp), models),
            (.selfTest(SelfTestProgress(answers: answers), in: .setUp), models),
            (.finish(FinishProgress(answers: answers), in: .setUp), models),
            (.report(ReportProgress(facts: MachineFacts()), in: .report), models),
            (.unavailable(.recommend, in: .setUp), Flow(canScan: true)),
        ]
    }

    func screenContext(_ flow: Flow) -> ScreenContext {
        ScreenContext(flow: flow, version: "test", size: context.size, opening: 1)
    }

    @Test("every footer offers ? Help and q Quit, and the help page lists each key of the footer")
    func footerAndHelpAgree() throws {
        for (screen, flow) in everyScreen() {
            let services = screenContext(flow)
            let frame = screen.program.view(context, services).text
            let footer = frame.split(separator: "\n").last.map(String.init) ?? ""
            #expect(footer.contains("? Help"), "no help in the footer of \(screen)")
            #expect(footer.contains("q Quit"), "no quit in the footer of \(screen)")
            let help = HelpPage.text(for: screen, services, glyphs: .unicode, lineMode: false)
            for hint in screen.program.keys(services, glyphs: .unicode).hints {
                #expect(footer.contains("\(hint.keys) \(hint.action)"), "footer of \(screen) lacks \(hint.keys)")
                #expect(help.contains("\(hint.keys): \(hint.action)"), "help of \(screen) lacks \(hint.keys)")
            }
            #expect(help.contains("F1 or ? shows this help"))
            #expect(!help.contains("a number chooses directly"), "the help promises numbers everywhere")
            let typed = HelpPage.text(for: screen, services, glyphs: .ascii, lineMode: true)
            #expect(typed.contains("b goes back"))
            let keys = screen.program.keys(services, glyphs: .ascii)
            if !keys.typed.isEmpty { #expect(typed.contains(keys.typed)) }
            // Line mode prints it as the page's last line, and repeats it after a line that did nothing.
            #expect(keys.typed.count <= 78, "too long for one line: \(keys.typed)")
        }
    }

    @Test("Esc on every screen goes back one screen (first closing the screen's own details), and the screen below is as it was")
    func escapeGoesBackEverywhere() {
        let wizard = Wizard(version: "test")
        for (screen, _) in everyScreen() where screen != .welcome(selected: 0) {
            var state = WizardState()
            state.screens = [.welcome(selected: 2), screen]
            // Two at most: one closes an open details view, the next leaves the screen.
            for _ in 0..<2 where state.screens.count == 2 {
                (state, _) = wizard.update(state, .key(.escape))
            }
            #expect(state.screens == [.welcome(selected: 2)], "Esc did not go back from \(screen)")
            #expect(state.overlay == nil, "Esc on \(screen) opened \(String(describing: state.overlay))")
        }
    }

    @Test("q opens the quit question and q again quits with status 0 (n still stays)")
    func qTwiceQuits() {
        var drive = Drive()
        drive.press(.character("q"), .character("q"))
        #expect(drive.quitStatus == 0)
        var staying = Drive()
        staying.press(.character("q"), .character("n"))
        #expect(staying.quitStatus == nil)
        #expect(!staying.state.asksToQuit)
    }

    /// Troubleshoot scanned on a captured machine, on the Checks list.
    func checks(_ profile: String, journey: Character = "2") async throws -> (Wizard, WizardState) {
        let wizard = Wizard(version: "test", machineScan: try Profiles.scan(profile))
        var (state, commands) = wizard.update(WizardState(), .key(.character(journey)))
        for update in await messages(of: commands[0]) { (state, _) = wizard.update(state, .message(update)) }
        (state, _) = wizard.update(state, .key(.enter))
        return (wizard, state)
    }

    func progress(_ state: WizardState) throws -> ChecksProgress {
        guard case .checks(let progress, _) = state.current else { throw CancellationError() }
        return progress
    }

    @Test("on Checks the areas are numbered and a number opens that area's details, in full screen and line mode")
    func numbersOpenAreas() async throws {
        var (wizard, state) = try await checks("nvidia-driver-library-mismatch")
        let sections = try progress(state).sections
        let gpu = try #require(sections.firstIndex { $0.area == .gpu })
        let list = wizard.view(state, context).text
        #expect(list.contains("\(gpu + 1). Graphics card"))
        let lineList = wizard.view(state, ViewContext(size: context.size, glyphs: .ascii, lineMode: true)).text
        #expect(lineList.contains("Type a number: an area's details"))
        (state, _) = wizard.update(state, .key(.character(Character(String(gpu + 1)))))
        #expect(try progress(state).selected == gpu)
        #expect(try progress(state).detailOffset == 0)
        #expect(wizard.view(state, context).text.contains("How to fix it:"))
        // Another number from inside the details opens that area instead.
        (state, _) = wizard.update(state, .key(.character("1")))
        #expect(try progress(state).selected == 0)
        #expect(try progress(state).detailOffset == 0)
    }

    @Test("f on an area with nothing Onramp can fix says so, and names the areas it can fix")
    func fWithNothingToFix() async throws {
        let fixture = ChecksFixTests.fixture
        let wizard = Wizard(version: "test", machineScan: try MachineScan.replay(folder: fixture))
        var (state, commands) = wizard.update(WizardState(), .key(.character("2")))
        for update in await messages(of: commands[0]) { (state, _) = wizard.update(state, .message(update)) }
        (state, _) = wizard.update(state, .key(.enter))
        let sections = try progress(state).sections
        let gpu = try #require(sections.firstIndex { $0.area == .gpu })
        let plain = try #require(sections.indices.first { index in !sections[index].findings.contains { $0.action != nil } })
        for _ in 0..<plain { (state, _) = wizard.update(state, .key(.down)) }
        (state, commands) = wizard.update(state, .key(.character("f")))
        #expect(commands.isEmpty)
        #expect(try progress(state).fixQuestion == nil)
        let said = wizard.view(state, context).text
        #expect(said.contains(sections[plain].area.name))
        #expect(said.contains("Onramp can fix area \(gpu + 1)"), "\(said)")
        // The notice answers that key only; the next key clears it.
        (state, _) = wizard.update(state, .key(.down))
        #expect(try progress(state).notice == nil)
        // On the fixable area, f from the list opens the fix question at once.
        (state, _) = wizard.update(state, .key(.character(Character(String(gpu + 1)))))
        (state, _) = wizard.update(state, .key(.character("f")))
        #expect(try progress(state).fixQuestion != nil)
    }

    @Test("n and r work from an area's details as they do on the list")
    func nextFromDetails() async throws {
        var (wizard, state) = try await checks("nvidia-driver-library-mismatch", journey: "3")
        (state, _) = wizard.update(state, .key(.enter))
        #expect(try progress(state).detailOffset == 0)
        let typed = wizard.view(state, ViewContext(size: context.size, glyphs: .ascii, lineMode: true)).text
        #expect(typed.contains("n: next step"))
        (state, _) = wizard.update(state, .key(.character("n")))
        #expect(state.current == .unavailable(.reportPreview, in: .report))
    }
}
