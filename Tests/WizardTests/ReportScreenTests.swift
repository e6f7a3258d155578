// The Report step: the redacted report made by the real builder for a captured machine, shown
// whole in a scrollable viewer before anything is written; s saves it (a real file in a temporary
// folder), a folder Onramp may not write in gives a plain message, Esc goes back. Reached from the
// Report path after the checks, and offered with r at the end of the Troubleshoot path.
import Foundation
import Probe
import Report
import Testing
import TUI
@testable import Wizard

@Suite("Report screen")
struct ReportScreenTests {
    static let desktop = "desktop-rtx3060-ubuntu2204"
    static let date = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00:00 UTC
    let context = ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)

    /// The report as `onramp report --profile` makes it, with a fixed date; saved to `path`.
    static func services(_ profile: String = desktop, path: String) -> ReportServices {
        ReportServices(
            make: { facts in
                let folder = Profiles.root.appendingPathComponent(profile).path
                let source: ReplaySystem
                do throws(ProfileError) {
                    source = try ReplaySystem(folder: folder)
                } catch {
                    return .failure(ServiceProblem(error.message))
                }
                let identity = MachineIdentity.read(from: source)
                let report = ReportBuilder.build(.profile(named: profile, onrampVersion: "test", facts: facts, identity: identity, date: date))
                return .success(ReportDraft(markdown: ReportMarkdown.render(report), redactions: ReportMarkdown.redactionLine(report.redactions)))
            },
            savePath: { path })
    }

    static func temporaryFolder() throws -> URL {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onramp-report-screen-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Welcome → key → Scan (finished) → Enter: the Checks screen of the captured machine.
    func checks(journey key: Character, reports: ReportServices?, profile: String = desktop) async throws -> (Wizard, WizardState) {
        let wizard = Wizard(version: "test", machineScan: try Profiles.scan(profile), reports: reports)
        var (state, commands) = wizard.update(WizardState(), .key(.character(key)))
        for update in await messages(of: commands[0]) { (state, _) = wizard.update(state, .message(update)) }
        (state, _) = wizard.update(state, .key(.enter))
        return (wizard, state)
    }

    /// Delivers what the screen's commands send, as the run loop would.
    func deliver(_ commands: [Command<WizardMessage>], _ wizard: Wizard, _ state: WizardState) async -> (WizardState, [Command<WizardMessage>]) {
        var state = state
        var next: [Command<WizardMessage>] = []
        for command in commands {
            for message in await results(of: command) {
                let (updated, more) = wizard.update(state, .message(message))
                state = updated
                next += more
            }
        }
        return (state, next)
    }

    /// The Report path up to the preview, with the report made.
    func preview(path: String, profile: String = desktop) async throws -> (Wizard, WizardState) {
        var (wizard, state) = try await checks(journey: "3", reports: Self.services(profile, path: path), profile: profile)
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.character("n")))
        guard case .report(_, .report) = state.current else {
            Issue.record("expected the Report screen, got \(state.current)")
            throw CancellationError()
        }
        #expect(wizard.view(state, context).text.contains("Making the report"))
        (state, _) = await deliver(commands, wizard, state)
        return (wizard, state)
    }

    func progress(_ state: WizardState) -> ReportProgress? {
        if case .report(let progress, _) = state.current { progress } else { nil }
    }

    @Test("the Report path shows the whole redacted report before saving, says where it goes; s saves exactly that, and nothing else is written")
    func previewThenSave() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("onramp-report-2026-01-01.md").path
        var (wizard, state) = try await preview(path: path)
        let draft = try #require(progress(state)?.draft)
        #expect(draft.markdown.contains("RTX 3060"))
        var text = wizard.view(state, context).text
        #expect(text.contains("Make a diagnostics report: Preview the report"))
        #expect(text.contains("Step 3 of 3"))
        #expect(text.contains("Nothing is saved or sent yet"))
        // The path is wrapped where the line ends, wherever the temporary folder puts that.
        #expect(text.replacingOccurrences(of: "\n  ", with: "").contains(path), "\(text)")
        #expect(text.contains(String(draft.markdown.split(separator: "\n")[0])))
        #expect(text.contains("s Save"))
        #expect(!FileManager.default.fileExists(atPath: path), "nothing is written before s")
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.character("s")))
        #expect(progress(state)?.saving == true)
        (state, _) = await deliver(commands, wizard, state)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == draft.markdown)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["onramp-report-2026-01-01.md"])
        // Read as one paragraph: where the lines wrap depends on the temporary folder's name.
        text = wizard.view(state, context).text.replacingOccurrences(of: "\n  ", with: " ")
        #expect(text.contains("Saved the report to"))
        #expect(progress(state)?.saved == path)
        #expect(text.contains("Nothing was uploaded"))
        #expect(text.contains("attach this file"))
        (state, commands) = wizard.update(state, .key(.enter))
        guard case .quit(0) = try #require(commands.first) else {
            Issue.record("expected quit(0), got \(commands)")
            return
        }
    }

    @Test("arrows, PgDn and End scroll the report; the viewer says which lines show; scrolling stays inside the text")
    func scrolling() async throws {
        var (wizard, state) = try await preview(path: "/nonexistent/onramp-report.md")
        #expect(wizard.view(state, context).text.contains("lines 1-"))
        (state, _) = wizard.update(state, .key(.down))
        #expect(progress(state)?.offset == 1)
        (state, _) = wizard.update(state, .key(.pageDown))
        let paged = try #require(progress(state)?.offset)
        #expect(paged > 5)
        #expect(wizard.view(state, context).text.contains("lines \(paged + 1)-"))
        (state, _) = wizard.update(state, .key(.end))
        let last = try #require(progress(state)?.offset)
        (state, _) = wizard.update(state, .key(.pageDown))
        #expect(progress(state)?.offset == last)
        let draft = try #require(progress(state)?.draft)
        let lastLine = try #require(draft.markdown.split(separator: "\n").last)
        #expect(wizard.view(state, context).text.contains(String(lastLine.prefix(40))))
        (state, _) = wizard.update(state, .key(.home))
        #expect(progress(state)?.offset == 0)
        // Typed in line mode, n and p page too.
        (state, _) = wizard.update(state, .key(.character("n")))
        #expect(progress(state)?.offset == paged - 1)
        (state, _) = wizard.update(state, .key(.character("p")))
        #expect(progress(state)?.offset == 0)
    }

    @Test("a folder Onramp may not write in: the reason and what to do in plain words, no file, and s tries again")
    func saveError() async throws {
        // /proc refuses new files even to root, who may write in a folder whose mode forbids it.
        let path = "/proc/onramp-report-2026-01-01.md"
        var (wizard, state) = try await preview(path: path)
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.enter))
        (state, _) = await deliver(commands, wizard, state)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(progress(state)?.saved == nil)
        let text = wizard.view(state, context).text
        #expect(text.contains("Could not save the report to \(path)"))
        #expect(text.contains("onramp report --out"))
        (_, commands) = wizard.update(state, .key(.character("s")))
        #expect(commands.count == 1, "s tries again")
    }

    @Test("Esc on the preview goes back to the checks without writing; the report is made again on the next opening")
    func escapeGoesBack() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var (wizard, state) = try await preview(path: folder.appendingPathComponent("r.md").path)
        (state, _) = wizard.update(state, .key(.escape))
        guard case .checks(_, .report) = state.current else {
            Issue.record("expected Checks, got \(state.current)")
            return
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("Troubleshoot ends at the checks and offers the report with r, titled without a step number")
    func troubleshootOffersReport() async throws {
        var (wizard, state) = try await checks(journey: "2", reports: Self.services(path: "/nonexistent/r.md"), profile: "nvidia-driver-library-mismatch")
        let checks = wizard.view(state, context).text
        #expect(checks.contains("r Make a report"))
        #expect(!checks.contains("Next step"))
        (state, _) = wizard.update(state, .key(.character("?")))
        #expect(wizard.view(state, context).text.contains("Press r to make a report"))
        (state, _) = wizard.update(state, .key(.escape))
        (state, _) = wizard.update(state, .key(.character("r")))
        guard case .report(_, .troubleshoot) = state.current else {
            Issue.record("expected the Report screen, got \(state.current)")
            return
        }
        #expect(wizard.view(state, context).text.contains("Troubleshoot: Preview the report"))
        #expect(!wizard.view(state, context).text.contains("Step 1"))
        (state, _) = wizard.update(state, .key(.character("?")))
        let help = wizard.view(state, context).text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("Enter saves it to the file"))
        #expect(help.contains("nothing is uploaded"))
    }

    @Test("the default file is onramp-report-DATE.md in the current folder, numbered when taken, else in the home folder")
    func defaultPath() {
        let taken: Set = ["/srv/reports/onramp-report-2026-01-01.md", "/srv/reports/onramp-report-2026-01-01-2.md"]
        #expect(ReportServices.defaultPath(in: "/srv/reports", date: Self.date, exists: { taken.contains($0) }) == "/srv/reports/onramp-report-2026-01-01-3.md")
        #expect(ReportServices.defaultPath(in: "/home/a", date: Self.date, exists: { _ in false }) == "/home/a/onramp-report-2026-01-01.md")
        #expect(ReportServices.defaultFolder(current: "/", home: "/home/a", writable: { $0 != "/" }) == "/home/a")
        #expect(ReportServices.defaultFolder(current: "/srv/reports", home: "/home/a", writable: { _ in true }) == "/srv/reports")
    }

    @Test("on the in-memory terminal: the preview scrolls with PgDn, and Esc leaves it")
    func inMemoryTerminal() async throws {
        let (_, state) = try await preview(path: "/nonexistent/r.md")
        let start = try #require(progress(state))
        let alone = ScreenAlone(first: .report(start, in: .report), flow: Flow(canScan: true, hasReports: true), reports: Self.services(path: "/nonexistent/r.md"))
        let terminal = await alone.run(keys: [.pageDown, .pageDown, .escape])
        let frames = terminal.frames.map(\.text)
        #expect(frames.first?.contains("lines 1-") == true)
        // The heading wraps; as words it reads the same.
        #expect(frames.contains { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("Press s or Enter to save it to /nonexistent/r.md") })
        guard case .report(let scrolled, _) = try #require(alone.record.lastScreen) else {
            Issue.record("expected the Report screen")
            return
        }
        #expect(scrolled.offset > 20)
        #expect(alone.record.navigation == .back)
    }

    @Test("golden: the preview at 80x24, and its line-mode page")
    func golden() async throws {
        let (wizard, state) = try await preview(path: "/home/you/onramp-report-2026-01-01.md")
        try ChecksFixTests.check(wizard.view(state, context), named: "report-preview")
        try ChecksFixTests.check(wizard.view(state, ViewContext(size: Size(width: 80, height: 24), glyphs: .ascii, lineMode: true)), named: "report-preview-line")
    }
}
