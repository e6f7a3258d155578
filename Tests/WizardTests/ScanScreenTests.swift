// The Scan step on a captured machine (profiles/desktop-rtx3060-ubuntu2204): areas appear as they
// complete, Enter goes on when done, and updates from an abandoned scan are ignored.
import Foundation
import Synchronization
import Testing
import TUI
@testable import Wizard

enum Profiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("profiles")

    static func scan(_ name: String) throws -> MachineScan {
        try MachineScan.replay(folder: root.appendingPathComponent(name).path)
    }
}

/// Runs a stream command to its end and returns the messages it sent, in order.
func messages(of command: Command<WizardMessage>) async -> [WizardMessage] {
    guard case .stream(let work) = command else { return [] }
    let sent = Mutex<[WizardMessage]>([])
    await work { message in sent.withLock { $0.append(message) } }
    return sent.withLock { $0 }
}

@Suite("Scan screen")
struct ScanScreenTests {
    let desktop = "desktop-rtx3060-ubuntu2204"

    @Test("choosing Set up starts a scan that reports every area, and the screen shows each as it lands")
    func scanShowsAreas() async throws {
        let wizard = Wizard(version: "test", machineScan: try Profiles.scan(desktop))
        var (state, commands) = wizard.update(WizardState(), .key(.character("1")))
        guard case .scan(let progress, .setUp) = state.current else {
            Issue.record("expected the Scan screen, got \(state.current)")
            return
        }
        #expect(progress.completed.isEmpty)
        #expect(commands.count == 1)
        let context = ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)
        #expect(wizard.view(state, context).text.contains("Scanning: 0 of 7 areas done."))

        let updates = await messages(of: commands[0])
        #expect(updates.count == 7)
        (state, _) = wizard.update(state, .message(updates[0]))
        (state, _) = wizard.update(state, .message(updates[1]))
        let partway = wizard.view(state, context).text
        #expect(partway.contains("✓ 1. Processor"))
        #expect(partway.contains("✓ 2. Memory"))
        #expect(partway.contains("… 3. Disk space") && partway.contains("looking…"))
        #expect(partway.contains("Scanning: 2 of 7 areas done."))

        for update in updates.dropFirst(2) { (state, commands) = wizard.update(state, .message(update)) }
        let done = wizard.view(state, context).text
        #expect(done.contains("RTX 3060"))
        #expect(done.contains("Scan complete. Press Enter for \"Check for problems\"."))
        #expect(done.contains("Enter Continue"))
        #expect(done.contains("1-7 Details"))
        // The summary is the doctor's line for the area.
        #expect(done.contains("✓ 1. Processor") && done.contains("AMD Ryzen"))
        // At 80×24 a long summary continues on a second line instead of being cut.
        #expect(!done.contains("…"), "\(done)")
        #expect(done.contains("threads, AVX2"))
    }

    /// The Scan screen of Set up with every area of `profile` scanned.
    func scanned(_ profile: String) async throws -> (Wizard, WizardState) {
        let wizard = Wizard(version: "test", machineScan: try Profiles.scan(profile))
        var (state, commands) = wizard.update(WizardState(), .key(.character("1")))
        for update in await messages(of: commands[0]) { (state, _) = wizard.update(state, .message(update)) }
        return (wizard, state)
    }

    @Test("an area where nothing was found (no graphics card, no other AI tool) is marked as such (– or [--]), not ✓")
    func nothingFoundIsNotAPass() async throws {
        let (wizard, state) = try await scanned("dev-container-captured")
        let lines = wizard.view(state, ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)).text.split(separator: "\n")
        #expect(lines.contains { $0.contains("– 6. Graphics and drivers") && $0.contains("none found") }, "\(lines)")
        #expect(lines.contains { $0.contains("– 7. Other AI tools") && $0.contains("none found") })
        #expect(lines.contains { $0.contains("✓ 1. Processor") })
        #expect(!lines.contains { $0.contains("✓ 6. Graphics") })
        let ascii = wizard.view(state, ViewContext(size: Size(width: 80, height: 24), glyphs: .ascii)).text
        #expect(ascii.contains("[--] 6. Graphics and drivers"))
        // Where a card was found, the area is read (✓): whether it works is the Checks step's verdict.
        let (desktopWizard, desktopState) = try await scanned(desktop)
        #expect(desktopWizard.view(desktopState, ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)).text.contains("✓ 6. Graphics and drivers"))
    }

    @Test("a number opens everything read in that area, uncut; PgDn scrolls; Enter, Esc and b go back to the list, not off the screen")
    func areaDetails() async throws {
        let (wizard, scannedState) = try await scanned(desktop)
        let context = ViewContext(size: Size(width: 60, height: 16), glyphs: .unicode)
        var state = wizard.update(scannedState, .resized(context.size)).0
        let list = wizard.view(state, context).text
        // The list's summary of the card is cut to fit; its details are not.
        #expect(list.contains("6. Graphics and drivers"))
        (state, _) = wizard.update(state, .key(.character("6")))
        guard case .scan(let progress, _) = state.current else {
            Issue.record("expected the Scan screen, got \(state.current)")
            return
        }
        #expect(progress.detailArea == .gpus)
        #expect(state.current.program.autoAnswer == nil)
        let details = wizard.view(state, context).text
        #expect(details.contains("Graphics and drivers"))
        #expect(details.contains("NVIDIA GeForce RTX 3060"))
        #expect(details.contains("NVIDIA module"))
        #expect(details.split(separator: "\n").last?.contains("Enter Back to the list") == true)
        let full = ScanScreen.details(of: .gpus, progress.facts)
        #expect(!full.contains("…"))
        // A page down shows lines further on, when there are more than fit.
        (state, _) = wizard.update(state, .key(.pageDown))
        if case .scan(let scrolled, _) = state.current {
            let lines = TextWrap.lines(full, width: context.size.width - 4).count
            #expect(scrolled.detailOffset > 0 || lines <= context.size.height - 4)
        }
        // Another number opens another area; Enter, Esc and b each go back to the list.
        for back in [Key.enter, .escape, .character("b")] {
            (state, _) = wizard.update(state, .key(.character("1")))
            #expect(wizard.view(state, context).text.contains("Architecture"))
            (state, _) = wizard.update(state, .key(back))
            guard case .scan(let listed, _) = state.current else {
                Issue.record("\(back) left the Scan screen")
                return
            }
            #expect(listed.detailArea == nil)
            #expect(state.screens.count == 2)
        }
        #expect(wizard.view(state, context).text.contains("Scan complete."))
    }

    @Test("Enter waits for the scan to finish, then goes to the next step; Esc comes back without rescanning")
    func continuesWhenDone() async throws {
        let wizard = Wizard(version: "test", machineScan: try Profiles.scan(desktop))
        var (state, commands) = wizard.update(WizardState(), .key(.character("2")))
        let updates = await messages(of: commands[0])
        (state, _) = wizard.update(state, .key(.enter))
        #expect(state.screens.count == 2)
        for update in updates { (state, _) = wizard.update(state, .message(update)) }
        (state, commands) = wizard.update(state, .key(.enter))
        guard case .checks(_, .troubleshoot) = state.current else {
            Issue.record("expected the Checks screen, got \(state.current)")
            return
        }
        #expect(commands.isEmpty)
        (state, commands) = wizard.update(state, .key(.escape))
        guard case .scan(let progress, _) = state.current else {
            Issue.record("expected to be back on the Scan screen")
            return
        }
        #expect(progress.isFinished)
        #expect(commands.isEmpty)
    }

    @Test("updates from a scan the user walked away from do not touch a newer scan")
    func ignoresAbandonedScan() async throws {
        let wizard = Wizard(version: "test", machineScan: try Profiles.scan(desktop))
        var (state, first) = wizard.update(WizardState(), .key(.character("1")))
        let stale = await messages(of: first[0])
        (state, _) = wizard.update(state, .key(.escape))
        (state, first) = wizard.update(state, .key(.character("1")))
        for update in stale { (state, _) = wizard.update(state, .message(update)) }
        guard case .scan(let progress, _) = state.current else {
            Issue.record("expected the Scan screen")
            return
        }
        #expect(progress.run == 2)
        #expect(progress.completed.isEmpty)
    }

    @Test("without a probe the Scan step honestly says it is not available")
    func noProbe() {
        let (state, commands) = Wizard(version: "test").update(WizardState(), .key(.character("1")))
        #expect(state.current == .unavailable(.scan, in: .setUp))
        #expect(commands.isEmpty)
    }

    @Test("through the run loop the scan completes and the whole screen fits 60×16")
    func runLoop() async throws {
        let terminal = InMemoryTerminal(size: Size(width: 60, height: 16), script: [.key(.character("1"))])
        _ = await RunLoop.runOnOwnThread(Wizard(version: "test", machineScan: try Profiles.scan(desktop)), on: terminal)
        let text = try #require(terminal.lastFrame?.text)
        #expect(text.contains("Other AI tools"))
        #expect(text.contains("Scan complete. Press Enter for \"Check for problems\"."))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).last?.contains("Enter Continue") == true)
    }
}
