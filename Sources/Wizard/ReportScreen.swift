// The Report step: the diagnostics report, made by the same code as `onramp report` with private
// details replaced, shown whole in a scrollable viewer before anything is written. s saves it to
// the file named on the screen; nothing is uploaded. Reached from the Report path after the checks,
// and offered at the end of the Troubleshoot path (r on the checks).
import Foundation
import Probe
import Report
import TUI

public struct ReportProgress: Equatable, Sendable {
    public var facts: MachineFacts
    public var run: Int
    /// The report, once made.
    public var draft: ReportDraft?
    /// Why the report could not be made, in plain words.
    public var problem: String?
    /// Where s saves it.
    public var path: String = ""
    /// First line of the report shown.
    public var offset = 0
    public var saving = false
    /// Where it was saved; nil until then.
    public var saved: String?
    /// Why the last save failed, with what to do.
    public var saveProblem: String?

    public init(facts: MachineFacts, run: Int = 0) {
        self.facts = facts
        self.run = run
    }
}

struct ReportScreen: ScreenProgram {
    var progress: ReportProgress
    var journey: Journey

    var screen: Screen { .report(progress, in: journey) }

    var title: (text: String, detail: String?) {
        // Troubleshoot offers the report after its last step, so it has no step number there.
        journey.steps.contains(.reportPreview)
            ? Self.stepTitle(.reportPreview, journey) : ("\(journey.title): \(Step.reportPreview.title)", nil)
    }

    /// `--yes` saves the report once made, then leaves; a report that cannot be made or saved fails.
    var autoAnswer: AutoAnswer? {
        if progress.problem != nil || progress.saveProblem != nil { return .fail }
        if progress.saved != nil { return .key(.enter) }
        return progress.draft == nil || progress.saving ? nil : .key(.character("s"))
    }

    var accepting: String? { progress.saved != nil ? "the saved report, leaving Onramp" : "saving the report (s)" }

    func opened(_ context: ScreenContext) -> (Screen, [Command<WizardMessage>]) {
        var fresh = ReportProgress(facts: progress.facts, run: context.opening)
        guard let services = context.reports else {
            fresh.problem = "This build of Onramp cannot make a report here. Run onramp report instead."
            return (.report(fresh, in: journey), [])
        }
        let facts = fresh.facts
        let run = fresh.run
        // Redacting every string takes a moment: on a thread of its own, off the terminal's.
        let command = Command<WizardMessage>.perform {
            let path = services.savePath()
            let draft = await DedicatedThread.run(name: "onramp-report") { services.make(facts) }
            return .reportMade(draft, path: path, run: run)
        }
        return (.report(fresh, in: journey), [command])
    }

    /// What the screen says above the report (the viewer takes the rest of the body).
    static func heading(_ progress: ReportProgress, lineMode: Bool) -> String {
        if let saveProblem = progress.saveProblem {
            return saveProblem
        }
        let save = lineMode ? "Type s to save it" : "Press s or Enter to save it"
        return "Read the report first: names, addresses, serial numbers and tokens are replaced. Nothing is saved or sent yet. "
            + "\(save) to \(progress.path)"
    }

    /// Where the report is drawn inside the body, below the heading.
    static func viewerRect(_ progress: ReportProgress, body: Rect, lineMode: Bool) -> Rect {
        let used = TextWrap.lines(heading(progress, lineMode: lineMode), width: max(1, body.width)).count + 1
        return Rect(x: body.x, y: body.y + used, width: body.width, height: max(0, body.height - used))
    }

    static func body(_ size: Size) -> Rect {
        Rect(x: 2, y: 2, width: size.width - 4, height: size.height - 4)
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var progress = progress
        switch input {
        case .message(.reportMade(let result, let path, let run)) where run == progress.run:
            progress.path = path
            switch result {
            case .success(let draft): progress.draft = draft
            case .failure(let problem): progress.problem = problem.message
            }
            return (.stay(.report(progress, in: journey)), [])
        case .message(.reportSaved(let result, let run)) where run == progress.run:
            progress.saving = false
            switch result {
            case .success(let path):
                progress.saved = path
                progress.saveProblem = nil
            case .failure(let problem):
                progress.saveProblem = problem.message
            }
            return (.stay(.report(progress, in: journey)), [])
        case .message:
            return (.stay(screen), [])
        case .key(let key):
            if progress.saved != nil {
                switch key {
                case .escape: return (.back, [])
                case .enter: return (.stay(screen), [.quit(0)])
                default: return (.stay(screen), [])
                }
            }
            switch key {
            case .escape:
                return (.back, [])
            case .character("s"), .enter:
                guard let draft = progress.draft, !progress.saving else { break }
                progress.saving = true
                return (.stay(.report(progress, in: journey)), [Self.save(draft, to: progress.path, run: progress.run)])
            default:
                guard let draft = progress.draft else { break }
                let viewer = Self.viewerRect(progress, body: Self.body(context.size), lineMode: false)
                let lines = TextWrap.lines(draft.markdown, width: max(1, viewer.width)).count
                let page = max(1, viewer.height - 1)
                // Line mode has no paging keys: n and p page there (and work on the full screen too).
                let scroll: Key = key == .character("n") ? .pageDown : key == .character("p") ? .pageUp : key
                progress.offset = TextViewer.scrolled(progress.offset, by: scroll, lineCount: lines, page: page)
            }
            return (.stay(.report(progress, in: journey)), [])
        }
    }

    /// Writes the report as previewed (whole, through a temporary file), off the terminal's thread.
    static func save(_ draft: ReportDraft, to path: String, run: Int) -> Command<WizardMessage> {
        .perform {
            do {
                try ReportFile.write(Data(draft.markdown.utf8), to: path)
                return .reportSaved(.success(path), run: run)
            } catch {
                let folder = (path as NSString).deletingLastPathComponent
                return .reportSaved(.failure(ServiceProblem(
                    "Could not save the report to \(path): Onramp may not write in \(folder). Nothing was saved. "
                        + "Press s to try again once you may write there, or leave (Esc) and run onramp report --out FILE "
                        + "with a file in a folder of yours, such as your home folder.")), run: run)
            }
        }
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
        var (frame, body) = chrome.frame(context)
        var y = body.y
        func say(_ text: String, style: Style = .plain) {
            guard y < body.maxY else { return }
            y += Paragraph(text, style: style).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)) + 1
        }
        if let problem = progress.problem {
            say("The report could not be made.", style: .bold)
            say(problem)
            say("Press Esc to go back.", style: .bold)
            return frame
        }
        if let saved = progress.saved {
            say("\(context.glyphs.ok) Saved the report to \(saved).", style: .bold)
            say("Nothing was uploaded or sent anywhere. To ask for help, attach this file to your forum post or bug report "
                + "(on GitHub, drag it into the comment box), or paste its text there. Read it once more before you share it.")
            if let draft = progress.draft { say(draft.redactions) }
            say(context.lineMode ? "Press Enter to leave Onramp." : "Press Enter to leave Onramp, or Esc to go back.", style: .bold)
            return frame
        }
        guard let draft = progress.draft else {
            say("Making the report" + context.glyphs.ellipsis, style: .bold)
            return frame
        }
        let style: Style = progress.saveProblem == nil ? .plain : .bold
        Paragraph(Self.heading(progress, lineMode: context.lineMode), style: style)
            .draw(into: &frame, in: Rect(x: body.x, y: body.y, width: body.width, height: body.height))
        let viewer = Self.viewerRect(progress, body: body, lineMode: context.lineMode)
        TextViewer(draft.markdown, offset: progress.offset).draw(into: &frame, in: viewer, glyphs: context.glyphs)
        return frame
    }

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        if progress.saved != nil {
            return ScreenKeys([.init("Enter", "Done"), .init("Esc", "Back")], typed: "Press Enter to leave Onramp, b to go back, q to quit.")
        }
        if progress.draft != nil {
            return ScreenKeys([.init("s", "Save"), .init("PgUp/PgDn", "Scroll"), .init("Esc", "Back")],
                              typed: "Type n or p to page, s to save, b to go back, q to quit.")
        }
        return ScreenKeys([.init("Esc", "Back")], typed: "Type b to go back, q to quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.reportPreview.title)".

        \(Step.reportPreview.purpose) The report holds what Onramp found on this computer and what the checks said, for someone helping you on a forum or in a bug report. User and host names, home folders, network addresses, serial numbers and tokens are replaced (<user>, <mac-1>); the end of the report says what was replaced.

        \(glyphs.upDown), PgUp/PgDn (or n and p), Home and End scroll the report. s or Enter saves it to the file named above it; nothing is uploaded. After saving, attach the file to your post. Esc goes back without saving.
        """
    }
}
