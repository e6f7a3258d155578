// Running a fix from the Checks screen, on a replayed machine (the Doctor's nvidia-uvm-unloaded
// fixture with its recorded `sudo modprobe nvidia_uvm`), so nothing here touches this computer.
import Doctor
import Foundation
import Probe
import Synchronization
import Testing
import TUI
@testable import Wizard

@Suite("Checks screen: running a fix")
struct ChecksFixTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DoctorTests/Fixtures/nvidia-uvm-unloaded").path
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    let context = ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)

    /// Troubleshoot journey, scanned to the end, on Checks with the graphics card's details open.
    func gpuDetails(scan: MachineScan? = nil) async throws -> (Wizard, WizardState) {
        let wizard = Wizard(version: "test", machineScan: try scan ?? MachineScan.replay(folder: Self.fixture))
        var (state, commands) = wizard.update(WizardState(), .key(.character("2")))
        for update in await messages(of: commands[0]) { (state, _) = wizard.update(state, .message(update)) }
        (state, _) = wizard.update(state, .key(.enter))
        guard case .checks(let progress, _) = state.current else {
            Issue.record("expected Checks, got \(state.current)")
            return (wizard, state)
        }
        let gpu = try #require(progress.sections.firstIndex { $0.area == .gpu })
        for _ in 0..<gpu { (state, _) = wizard.update(state, .key(.down)) }
        (state, _) = wizard.update(state, .key(.enter))
        return (wizard, state)
    }

    func progress(_ state: WizardState) throws -> ChecksProgress {
        guard case .checks(let progress, _) = state.current else { throw CancellationError() }
        return progress
    }

    @Test("the details of a fixable finding list the commands, sudo and what changes, with the f hint")
    func detailsOfferTheFix() async throws {
        let (wizard, state) = try await gpuDetails()
        #expect(wizard.view(state, context).text.contains("f Fix this"))
        // The details scroll; the offer comes after the manual steps.
        let text = ChecksScreen.details(try progress(state))
        #expect(text.contains("Onramp can run this fix for you"))
        #expect(text.contains("$ sudo modprobe nvidia_uvm"))
        #expect(text.contains("administrator rights"))
        #expect(text.contains("What it changes:"))
    }

    @Test("f opens the dialog; n, Esc and q cancel it and nothing runs")
    func cancelRunsNothing() async throws {
        var (wizard, state) = try await gpuDetails()
        for cancel in [Key.character("n"), .escape, .character("q"), .enter] {
            var commands: [Command<WizardMessage>]
            (state, commands) = wizard.update(state, .key(.character("f")))
            #expect(commands.isEmpty)
            #expect(try progress(state).fixQuestion?.findingID == "nvidia.uvm-not-loaded")
            #expect(wizard.view(state, context).text.contains("Run this fix?"))
            (state, _) = wizard.update(state, .key(.character("x")))
            #expect(try progress(state).fixQuestion != nil)
            (state, commands) = wizard.update(state, .key(cancel))
            #expect(commands.isEmpty)
            #expect(try progress(state).fixQuestion == nil)
            #expect(!state.asksToQuit)
            // Still on the details: the dialog closed and nothing else happened.
            #expect(try progress(state).detailOffset != nil)
        }
    }

    @Test("y runs the fix with the terminal handed over; the re-check shows the problem gone")
    func yesRunsAndRechecks() async throws {
        var (wizard, state) = try await gpuDetails()
        (state, _) = wizard.update(state, .key(.character("f")))
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.character("y")))
        try #require(commands.count == 1)
        guard case .attached(let work) = commands[0] else {
            Issue.record("expected an attached command, got \(commands[0])")
            return
        }
        let written = Mutex("")
        let message = work { text in written.withLock { $0 += text } }
        #expect(written.withLock { $0 }.contains("$ sudo modprobe nvidia_uvm"))
        (state, _) = wizard.update(state, .message(message))
        let after = try progress(state)
        #expect(after.detailOffset == nil)
        #expect(after.fixNote == "Fixed: the check passes now.")
        #expect(!after.sections.flatMap(\.findings).contains { $0.id == "nvidia.uvm-not-loaded" })
        // The facts are the re-probed ones, so a report made next shows the machine after the fix.
        #expect(!CheckRunner().examine(after.facts).findings.contains { $0.id == "nvidia.uvm-not-loaded" })
        let text = wizard.view(state, context).text
        #expect(text.contains("Fixed: the check passes now."))
        #expect(text.split(separator: "\n").contains { $0.contains("✓ ") && $0.contains(". Graphics card") })
    }

    @Test("the run loop hands the in-memory terminal to the fix, then redraws the re-checked screen")
    func throughTheRunLoop() async throws {
        let (wizard, state) = try await gpuDetails()
        let terminal = InMemoryTerminal(size: Size(width: 80, height: 24), script: [.key(.character("f")), .key(.character("y"))])
        _ = await RunLoop.runOnOwnThread(Resumed(wizard: wizard, state: state), on: terminal)
        #expect(terminal.handedOverText.contains("$ sudo modprobe nvidia_uvm"))
        #expect(terminal.handedOverText.contains("Fixed: the check passes now."))
        #expect(terminal.lastFrame?.text.contains("Fixed: the check passes now.") == true)
    }

    @Test("without a fix target (no scan service to run it on) the fix is shown, and f says Onramp cannot run it here")
    func noTargetNoFix() async throws {
        let replay = try MachineScan.replay(folder: Self.fixture)
        var (wizard, state) = try await gpuDetails(scan: MachineScan(start: replay.start))
        #expect(!wizard.view(state, context).text.contains("Fix this"))
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.character("f")))
        #expect(commands.isEmpty)
        #expect(try progress(state).fixQuestion == nil)
        #expect(wizard.view(state, context).text.contains("Onramp cannot run fixes here"))
    }

    @Test("line mode: the area's number opens its details, where f offers the fix and y runs it")
    func lineModeList() async throws {
        var (wizard, state) = try await gpuDetails()
        (state, _) = wizard.update(state, .key(.escape))
        let line = ViewContext(size: Size(width: 80, height: 24), glyphs: .ascii, lineMode: true)
        let gpu = try progress(state).selected
        (state, _) = wizard.update(state, .key(.home))
        (state, _) = wizard.update(state, .key(.character(Character(String(gpu + 1)))))
        #expect(wizard.view(state, line).text.contains("Type f: run the fix (asks first)"))
        (state, _) = wizard.update(state, .key(.character("f")))
        #expect(wizard.view(state, line).text.contains("Type y to run it or n to cancel."))
    }

    @Test("golden: the fix dialog at 80x24, and its line-mode page")
    func dialogGolden() async throws {
        var (wizard, state) = try await gpuDetails()
        (state, _) = wizard.update(state, .key(.character("f")))
        try Self.check(wizard.view(state, context), named: "checks-fix-dialog")
        try Self.check(wizard.view(state, ViewContext(size: Size(width: 80, height: 24), glyphs: .ascii, lineMode: true)), named: "checks-fix-dialog-line")
    }

    /// Compares with Golden/NAME.txt; ONRAMP_UPDATE_GOLDEN=1 (scripts/update-golden) rewrites it.
    static func check(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = golden.appendingPathComponent(name + ".txt")
        let actual = frame.text + "\n"
        if ProcessInfo.processInfo.environment["ONRAMP_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("No golden file \(url.path); run scripts/update-golden and review it.", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "frame \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
    }
}

/// The wizard started from a given state, so a run-loop test can begin on the Checks details.
struct Resumed: Program {
    let wizard: Wizard
    let state: WizardState
    var minimumSize: Size { wizard.minimumSize }
    func start() -> (WizardState, [Command<WizardMessage>]) { (state, []) }
    func update(_ state: WizardState, _ event: Event<WizardMessage>) -> (WizardState, [Command<WizardMessage>]) {
        wizard.update(state, event)
    }
    func view(_ state: WizardState, _ context: ViewContext) -> Frame { wizard.view(state, context) }
}
