// The Checks step on captured machines: the doctor's verdict per area, details with the fix, and the way on.
import Testing
import TUI
@testable import Wizard

@Suite("Checks screen")
struct ChecksScreenTests {
    /// Scans `profile` to the end and presses Enter, as a person would, landing on Checks.
    func checks(_ profile: String, journey key: Character) async throws -> (Wizard, WizardState) {
        let wizard = Wizard(version: "test", machineScan: try Profiles.scan(profile))
        var (state, commands) = wizard.update(WizardState(), .key(.character(key)))
        for update in await messages(of: commands[0]) { (state, _) = wizard.update(state, .message(update)) }
        (state, commands) = wizard.update(state, .key(.enter))
        return (wizard, state)
    }

    let context = ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)

    @Test("a driver mismatch shows as a failed area, and Enter shows the evidence and the commands to fix it")
    func mismatch() async throws {
        var (wizard, state) = try await checks("nvidia-driver-library-mismatch", journey: "1")
        guard case .checks(let progress, .setUp) = state.current else {
            Issue.record("expected Checks, got \(state.current)")
            return
        }
        let list = wizard.view(state, context).text
        #expect(list.contains("Set up: Check for problems"))
        #expect(list.split(separator: "\n").contains { $0.contains("✗ ") && $0.contains(". Graphics card") })
        #expect(list.contains("need attention") || list.contains("needs attention"))
        let gpu = try #require(progress.sections.firstIndex { $0.area == .gpu })
        for _ in 0..<gpu { (state, _) = wizard.update(state, .key(.down)) }
        (state, _) = wizard.update(state, .key(.enter))
        let details = wizard.view(state, context).text
        #expect(details.contains("How to fix it:"))
        #expect(details.contains("$ "))
        (state, _) = wizard.update(state, .key(.escape))
        #expect(wizard.view(state, context).text.split(separator: "\n").contains { $0.contains("✗ ") && $0.contains(". Graphics card") })
        (state, _) = wizard.update(state, .key(.character("n")))
        #expect(state.current == .unavailable(.recommend, in: .setUp))
    }

    @Test("Troubleshoot ends at the checks: no next step is offered, and the screen says it is the last step")
    func troubleshootEnds() async throws {
        var (wizard, state) = try await checks("desktop-rtx3060-ubuntu2204", journey: "2")
        let before = state.current
        #expect(!wizard.view(state, context).text.contains("Next step"))
        #expect(wizard.view(state, context).text.contains("This is the last step"))
        #expect(wizard.view(state, context).text.contains("q leaves Onramp."))
        (state, _) = wizard.update(state, .key(.character("n")))
        #expect(state.current == before)
    }

    @Test("in ASCII the verdicts use [ok] [!!] [XX]")
    func asciiMarks() async throws {
        let (wizard, state) = try await checks("nvidia-driver-library-mismatch", journey: "3")
        let text = wizard.view(state, ViewContext(size: Size(width: 60, height: 16), glyphs: .ascii)).text
        #expect(text.split(separator: "\n").contains { $0.contains("[XX] ") && $0.contains(". Graphics card") })
        #expect(text.contains("[ok]"))
    }
}
