// Each screen's own update, run alone on the in-memory terminal (`ScreenAlone`): what it draws,
// where it asks to go, and the work it starts, with no wizard routing keys for it.
import Doctor
import Foundation
@testable import Probe
import Testing
import TUI
@testable import Wizard

@Suite("Screens on their own")
struct ScreenProgramTests {
    @Test("Welcome: arrows move the choice, Enter asks to open that journey's first step, Esc asks to leave")
    func welcome() async {
        let alone = ScreenAlone(first: .welcome(selected: 0), flow: Flow(canScan: false))
        let terminal = await alone.run(keys: [.down, .down, .enter])
        #expect(terminal.frames.contains { $0.text.contains("› 3. Make a diagnostics report") })
        #expect(alone.record.navigation == .open(.unavailable(.scan, in: .report)))

        let leaving = ScreenAlone(first: .welcome(selected: 1))
        _ = await leaving.run(keys: [.escape])
        #expect(leaving.record.navigation == .back)
    }

    @Test("Unavailable: names the version, Enter or Esc go back, other keys stay")
    func unavailable() async {
        let alone = ScreenAlone(first: .unavailable(.recommend, in: .setUp), version: "1.2.3-test")
        let terminal = await alone.run(keys: [.down, .character("x"), .enter])
        #expect(terminal.frames.first?.text.contains("not available yet in this version of Onramp (1.2.3-test)") == true)
        #expect(terminal.frames.count == 1)
        #expect(alone.record.navigation == .back)
    }

    @Test("Scan: opening starts the scan; every area lands; updates from another opening are ignored")
    func scan() async throws {
        let alone = ScreenAlone(
            first: .scan(ScanProgress(run: 0), in: .troubleshoot), opens: true,
            machineScan: try Profiles.scan("desktop-rtx3060-ubuntu2204"))
        let terminal = await alone.run(keys: [.enter])
        // Enter before the scan is done does nothing; then every area lands.
        #expect(alone.record.navigation == nil)
        let texts = terminal.frames.map(\.text)
        #expect(texts.last?.contains("Scan complete. Press Enter for \"Check for problems\".") == true)
        guard case .scan(let done, .troubleshoot) = alone.record.lastScreen else {
            Issue.record("expected the Scan screen, got \(String(describing: alone.record.lastScreen))")
            return
        }
        #expect(done.run == 1)
        #expect(done.isFinished)
        #expect(done.completed.count == ProbeArea.allCases.count)

        // A result from a scan numbered otherwise (an abandoned opening) changes nothing.
        let screen = ScanScreen(progress: ScanProgress(run: 5), journey: .troubleshoot)
        let stale = ScanUpdate(area: .cpu, facts: done.facts, completed: 1)
        let context = ScreenContext(flow: Flow(canScan: true), machineScan: nil, version: "t", size: Size(width: 80, height: 24), opening: 5)
        #expect(screen.update(.message(.scanned(stale, run: 4)), context).0 == .stay(screen.screen))

        // Finished, Enter asks to open Checks with the verdict on these facts.
        let finished = ScreenAlone(first: .scan(done, in: .troubleshoot))
        _ = await finished.run(keys: [.enter])
        guard case .open(.checks(let checks, .troubleshoot)) = finished.record.navigation else {
            Issue.record("expected Checks to open, got \(String(describing: finished.record.navigation))")
            return
        }
        #expect(checks.sections.contains { $0.area == .gpu })
    }

    static let uvmFixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DoctorTests/Fixtures/nvidia-uvm-unloaded").path

    /// The Checks screen on the replayed machine whose nvidia_uvm module is not loaded.
    func uvmChecks() throws -> (Screen, MachineScan, gpuRow: Int) {
        let facts = Prober(source: try ReplaySystem(folder: Self.uvmFixture)).gather()
        let progress = ChecksProgress(facts: facts, canFix: true)
        let gpu = try #require(progress.sections.firstIndex { $0.area == .gpu })
        return (.checks(progress, in: .troubleshoot), try MachineScan.replay(folder: Self.uvmFixture), gpu)
    }

    @Test("Checks: Enter opens details, Esc closes them and stays, Esc on the list asks to leave")
    func checksDetails() async throws {
        let (screen, scan, gpu) = try uvmChecks()
        let alone = ScreenAlone(first: screen, machineScan: scan)
        let keys = Array(repeating: Key.down, count: gpu) + [.enter, .escape]
        let terminal = await alone.run(keys: keys)
        #expect(terminal.frames.contains { $0.text.contains("f Fix this") })
        #expect(terminal.lastFrame?.text.contains("Graphics card") == true)
        // Back on the list the highlighted area still has its fix, so f is still offered.
        #expect(terminal.lastFrame?.text.contains("f Fix this") == true)
        #expect(alone.record.navigation == nil)
        guard case .checks(let progress, _) = alone.record.lastScreen else {
            Issue.record("expected Checks")
            return
        }
        #expect(progress.detailOffset == nil)

        let leaving = ScreenAlone(first: screen, machineScan: scan)
        _ = await leaving.run(keys: [.escape])
        #expect(leaving.record.navigation == .back)
    }

    @Test("Checks: f asks first; the dialog takes every key and n cancels with nothing run")
    func checksFixCancelled() async throws {
        let (screen, scan, gpu) = try uvmChecks()
        let alone = ScreenAlone(first: screen, machineScan: scan)
        let keys = Array(repeating: Key.down, count: gpu) + [.enter, .character("f"), .character("?"), .character("n")]
        let terminal = await alone.run(keys: keys)
        #expect(terminal.frames.contains { $0.text.contains("Run this fix?") })
        #expect(!(terminal.lastFrame?.text.contains("Run this fix?") ?? true))
        #expect(terminal.handedOverText.isEmpty)
        #expect(alone.record.navigation == nil)
    }

    @Test("Checks: y runs the fix with the terminal handed over, then the re-check is on screen")
    func checksFixRuns() async throws {
        let (screen, scan, gpu) = try uvmChecks()
        let alone = ScreenAlone(first: screen, machineScan: scan)
        let keys = Array(repeating: Key.down, count: gpu) + [.enter, .character("f"), .character("y")]
        let terminal = await alone.run(keys: keys)
        #expect(terminal.handedOverText.contains("$ sudo modprobe nvidia_uvm"))
        #expect(terminal.handedOverText.contains("Fixed: the check passes now."))
        let last = try #require(terminal.lastFrame?.text)
        #expect(last.contains("Fixed: the check passes now."))
        #expect(last.split(separator: "\n").contains { $0.contains("✓ ") && $0.contains(". Graphics card") })
        guard case .checks(let after, _) = alone.record.lastScreen else {
            Issue.record("expected Checks")
            return
        }
        #expect(!after.sections.flatMap(\.findings).contains { $0.id == "nvidia.uvm-not-loaded" })
    }

    @Test("Checks: without a fix target, y closes the dialog and runs nothing")
    func checksNoTarget() throws {
        let (screen, _, _) = try uvmChecks()
        guard case .checks(var progress, let journey) = screen else { return }
        progress.selected = try #require(progress.sections.firstIndex { $0.area == .gpu })
        progress.detailOffset = 0
        progress.fixQuestion = progress.offer
        let checks = ChecksScreen(progress: progress, journey: journey)
        #expect(checks.takesEveryKey)
        let context = ScreenContext(flow: Flow(canScan: true), machineScan: nil, version: "t", size: Size(width: 80, height: 24), opening: 1)
        let (navigation, commands) = checks.update(.key(.character("y")), context)
        #expect(commands.isEmpty)
        guard case .stay(.checks(let after, _)) = navigation else {
            Issue.record("expected to stay on Checks")
            return
        }
        #expect(after.fixQuestion == nil)
        #expect(after.fixNote == nil)
    }
}
