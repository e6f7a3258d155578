// The Checks step: the doctor's verdict per area (✓ ! ✗), and on Enter the evidence and the fix
// for this distribution. A fix Onramp can run (a `FixAction`) runs only after `f` and an explicit
// `y` in the dialog; then the machine is probed again and the checks re-run (`FixApplier`).
import Doctor
import Probe
import TUI

/// The doctor's report on the scanned facts, the highlighted area, and whether its details are open.
public struct ChecksProgress: Equatable, Sendable {
    public var sections: [DoctorReport.Section]
    public var family: DistroFamily
    public var selected = 0
    /// First line shown of the open area's details; nil when the list is showing.
    public var detailOffset: Int?
    /// Fix commands are shown with `sudo` only when not already root.
    public var runningAsRoot: Bool
    /// Whether fixes can be run from here (the scan has a fix target); otherwise they are only shown.
    public var canFix: Bool
    /// The fix waiting for a yes or no in the confirmation dialog.
    public var fixQuestion: FixOffer?
    /// What came of the last fix, shown above the list.
    public var fixNote: String?
    /// The scanned machine, for the steps after this one.
    public var facts: MachineFacts

    public init(facts: MachineFacts, canFix: Bool = false) {
        self.facts = facts
        let report = CheckRunner().examine(facts)
        sections = report.sections
        family = report.family
        runningAsRoot = facts.drivers.user?.uid == 0
        self.canFix = canFix
    }

    /// The checks run again after a fix: the new verdicts replace the old, and the list shows.
    mutating func recheck(_ report: DoctorReport) {
        sections = report.sections
        family = report.family
        selected = min(selected, max(0, sections.count - 1))
        detailOffset = nil
        fixQuestion = nil
    }

    /// Whether any finding on the list has a fix Onramp can run.
    var hasFixes: Bool { sections.contains { $0.findings.contains { $0.action != nil } } }

    /// The fix Onramp can run for the highlighted area (its first finding with a `FixAction`).
    var offer: FixOffer? {
        guard canFix, sections.indices.contains(selected) else { return nil }
        return sections[selected].findings.lazy.compactMap { finding in
            finding.action.map { FixOffer(finding: finding, action: $0, runningAsRoot: self.runningAsRoot) }
        }.first
    }
}

struct ChecksScreen: ScreenProgram {
    var progress: ChecksProgress
    var journey: Journey

    var screen: Screen { .checks(progress, in: journey) }
    /// `--yes` goes on past the findings (it never runs a fix: that needs a yes of its own).
    var autoAnswer: AutoAnswer? {
        guard Self.hasNextStep(journey), progress.fixQuestion == nil, progress.detailOffset == nil else { return .fail }
        return .key(.character("n"))
    }
    var title: (text: String, detail: String?) { Self.stepTitle(.checks, journey) }
    /// The fix dialog takes every key: only y runs the fix, and nothing else happens meanwhile.
    var takesEveryKey: Bool { progress.fixQuestion != nil }

    static func status(_ severity: Severity) -> ChecklistRow.Status {
        switch severity {
        case .ok, .info: .ok
        case .warning: .warning
        case .error: .failure
        }
    }

    /// Everything known about one area, for the details view: each finding's explanation,
    /// evidence and the steps to fix it here.
    static func details(_ progress: ChecksProgress) -> String {
        var text = details(progress.sections[progress.selected], family: progress.family)
        if let offer = progress.offer {
            text += "\n\nOnramp can run this fix for you (f), after you say yes:\n"
                + offer.explanationLines.dropFirst().joined(separator: "\n")
        }
        return text
    }

    static func details(_ section: DoctorReport.Section, family: DistroFamily) -> String {
        guard !section.findings.isEmpty else { return "\(section.area.name): \(section.summary)\n\nNothing to fix here." }
        return section.findings.map { finding in
            var parts = ["\(finding.title)\n\n\(finding.explanation)"]
            if !finding.evidence.isEmpty {
                parts.append("What Onramp saw:\n" + finding.evidence.map { "  " + $0 }.joined(separator: "\n"))
            }
            if let steps = finding.fix?.steps(for: family), !steps.isEmpty {
                parts.append("How to fix it:\n" + steps.map { step in
                    switch step {
                    case .command(let text): "  $ " + text
                    case .manual(let text): "  " + text
                    }
                }.joined(separator: "\n"))
            }
            return parts.joined(separator: "\n\n")
        }.joined(separator: "\n\n")
    }

    /// Troubleshooting ends with the checks; the other journeys go on.
    static func hasNextStep(_ journey: Journey) -> Bool {
        journey.steps.last != .checks
    }

    /// Troubleshoot ends at the checks and offers the report there (r), to ask someone for help.
    static func offersReport(_ journey: Journey, _ flow: Flow) -> Bool {
        !hasNextStep(journey) && flow.hasReports
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var progress = progress
        switch input {
        case .message(.fixed(let result)):
            if let after = result.after { progress.recheck(after) }
            // The report offered next describes the machine as it is now, not before the fix.
            if let facts = result.factsAfter { progress.facts = facts }
            progress.fixNote = result.summary
            return (.stay(.checks(progress, in: journey)), [])
        case .message:
            return (.stay(screen), [])
        case .key(let key):
            if let offer = progress.fixQuestion {
                return answered(key, offer: offer, context)
            }
            if progress.detailOffset != nil {
                return (.stay(.checks(Self.detailsAfter(key, progress, size: context.size), in: journey)), [])
            }
            switch key {
            case .escape:
                return (.back, [])
            case .enter, .right:
                progress.detailOffset = 0
                return (.stay(.checks(progress, in: journey)), [])
            case .character("n") where Self.hasNextStep(journey):
                return (.open(context.flow.screen(after: .checks, in: journey, answers: SetupAnswers(facts: progress.facts))), [])
            case .character("r") where Self.offersReport(journey, context.flow):
                return (.open(context.flow.screen(for: .reportPreview, in: journey, answers: SetupAnswers(facts: progress.facts))), [])
            default:
                progress.selected = SelectionList.moved(progress.selected, by: key, count: progress.sections.count, page: 5)
                return (.stay(.checks(progress, in: journey)), [])
            }
        }
    }

    /// Inside a finding's details: Esc, Enter or b go back to the list (not off the screen),
    /// f asks about the fix, other keys scroll.
    static func detailsAfter(_ key: Key, _ progress: ChecksProgress, size: Size) -> ChecksProgress {
        var progress = progress
        switch key {
        case .escape, .enter, .backspace, .character("b"): progress.detailOffset = nil
        case .character("f") where progress.offer != nil: progress.fixQuestion = progress.offer
        default:
            let text = details(progress)
            let lines = TextWrap.lines(text, width: max(1, size.width - 4)).count
            progress.detailOffset = TextViewer.scrolled(progress.detailOffset ?? 0, by: key, lineCount: lines, page: max(1, size.height - 5))
        }
        return progress
    }

    /// The fix dialog's key: y runs the fix (with the terminal handed over), a no closes the dialog.
    private func answered(_ key: Key, offer: FixOffer, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var progress = progress
        var commands: [Command<WizardMessage>] = []
        switch Self.answer(to: key, offer: offer) {
        case .run(let offer):
            progress.fixQuestion = nil
            if let makeTarget = context.machineScan?.fixTarget {
                progress.fixNote = "Running the fix…"
                commands = [Self.fixCommand(offer, target: makeTarget)]
            }
        case .cancel:
            progress.fixQuestion = nil
        case .undecided:
            break
        }
        return (.stay(.checks(progress, in: journey)), commands)
    }

    /// The confirmation dialog's answer: only `y` runs the fix; n, Esc, q and Enter (on Cancel) cancel.
    enum FixAnswer: Equatable {
        case run(FixOffer)
        case cancel
        case undecided
    }

    static func answer(to key: Key, offer: FixOffer) -> FixAnswer {
        switch key {
        case .character("y"), .character("Y"): .run(offer)
        case .character("n"), .character("N"), .escape, .enter, .character("q"), .character("Q"), .backspace: .cancel
        default: .undecided
        }
    }

    static func dialog(_ offer: FixOffer, lineMode: Bool) -> Dialog {
        var lines = offer.commandLines.map { "$ " + $0 }
        lines.append("")
        lines.append("Changes: " + offer.changes)
        lines.append(offer.needsSudo
            ? "Needs administrator rights: sudo may ask for your password."
            : "Does not need administrator rights.")
        if let afterwards = offer.afterwards { lines.append(afterwards) }
        lines.append("")
        lines.append(lineMode ? "Type y to run it or n to cancel." : "Press y to run it, n to cancel.")
        return Dialog(title: "Run this fix?", message: lines.joined(separator: "\n"), buttons: ["Cancel", "Run"], selected: 0)
    }

    /// Runs an agreed fix with the terminal handed over (sudo can ask for a password, output shows
    /// as it comes), then probes the machine again and re-runs the checks, all through `FixApplier`.
    static func fixCommand(
        _ offer: FixOffer, target makeTarget: @escaping @Sendable (FixAction) throws -> any FixTarget
    ) -> Command<WizardMessage> {
        .attached { write in
            write(offer.explanationLines.joined(separator: "\n") + "\n\n")
            let target: any FixTarget
            do {
                target = try makeTarget(offer.action)
            } catch {
                let summary = "The fix could not start: \(error)."
                write(summary + "\n")
                return .fixed(FixResult(findingID: offer.findingID, summary: summary, after: nil))
            }
            let outcome = FixApplier().apply(offer, on: target, output: write)
            write("\n" + outcome.summary + "\n")
            return .fixed(FixResult(findingID: offer.findingID, summary: outcome.summary, after: outcome.after, factsAfter: outcome.factsAfter))
        }
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        var frame = listOrDetails(context, offersReport: Self.offersReport(journey, services.flow))
        if let offer = progress.fixQuestion {
            let dialog = Self.dialog(offer, lineMode: context.lineMode)
            if context.lineMode {
                frame = Frame(size: context.size)
                Paragraph(dialog.title + "\n\n" + dialog.message)
                    .draw(into: &frame, in: Rect(size: context.size).inset(dx: 1, dy: 0))
            } else {
                dialog.draw(into: &frame, in: Rect(size: context.size), glyphs: context.glyphs)
            }
        }
        return frame
    }

    func listOrDetails(_ context: ViewContext, offersReport: Bool = false) -> Frame {
        let open = progress.detailOffset != nil
        let next = Self.hasNextStep(journey)
        var hints: [KeyHints.Hint] = open
            ? [.init("Enter", "Back to the list"), .init("PgUp/PgDn", "Scroll"), .init("q", "Quit")]
            : [.init(context.glyphs.upDown, "Move"), .init("Enter", "Details"), .init("Esc", "Back"), .init("q", "Quit")]
        if next, !open { hints.insert(.init("n", "Next step"), at: 2) }
        if offersReport, !open { hints.insert(.init("r", "Make a report"), at: 2) }
        let fixable = open && progress.offer != nil
        if fixable { hints.insert(.init("f", "Fix this"), at: 0) }
        let typed = fixable
            ? "Type f to run the fix (you are asked first), b to go back, q to quit."
            : next ? "Type n for the next step, b to go back, q to quit."
            : offersReport ? "Type r to make a report to ask for help, b to go back, q to quit." : "Type b to go back, q to quit."
        let chrome = ScreenChrome(title: title.text, detail: title.detail, hints: hints, typedHint: typed)
        var (frame, body) = chrome.frame(context)
        if let offset = progress.detailOffset, progress.sections.indices.contains(progress.selected) {
            let text = Self.details(progress)
            TextViewer(text, offset: offset).draw(into: &frame, in: body, glyphs: context.glyphs)
            return frame
        }
        let problems = progress.sections.filter { $0.status == .warning || $0.status == .error }.count
        let intro = problems == 0
            ? "No problems found. Press Enter on an area to see what Onramp checked."
            : "\(problems) area\(problems == 1 ? " needs" : "s need") attention. Press Enter on one to see why and how to fix it."
        var used = 0
        // Line mode cannot pick an area from the list, so it points to the doctor's typed fix flow.
        if context.lineMode, progress.canFix, progress.hasFixes {
            used = Paragraph("Onramp can run some of these fixes itself: run onramp doctor --fix, which shows each one and asks first.")
                .draw(into: &frame, in: Rect(x: body.x, y: body.y, width: body.width, height: 2)) + 1
        }
        if let note = progress.fixNote {
            used += Paragraph(note).draw(into: &frame, in: Rect(x: body.x, y: body.y + used, width: body.width, height: 2)) + 1
        }
        used += Paragraph(intro).draw(into: &frame, in: Rect(x: body.x, y: body.y + used, width: body.width, height: 2))
        let titleWidth = progress.sections.map(\.area.name.count).max() ?? 0
        let listTop = body.y + used + 1
        let height = max(0, body.maxY - listTop)
        let first = SelectionList(progress.sections.map { SelectionList.Item($0.area.name) }, selected: progress.selected)
            .firstVisible(height: height)
        for (row, index) in (first..<min(progress.sections.count, first + height)).enumerated() {
            let section = progress.sections[index]
            let detail = section.findings.first?.title ?? section.summary
            let label = section.area.name + String(repeating: " ", count: max(0, titleWidth - section.area.name.count))
            ChecklistRow(Self.status(section.status), label, detail: detail, highlighted: index == progress.selected && !context.lineMode)
                .draw(into: &frame, at: Point(x: body.x, y: listTop + row), width: body.width, glyphs: context.glyphs)
        }
        return frame
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.checks.title)".

        \(Step.checks.purpose) Each line is one area of this computer: \(glyphs.ok) fine, \(glyphs.warning) worth fixing, \(glyphs.failure) stops models from running well. Enter shows what Onramp saw and the exact commands to fix it on this system; where Onramp can run the fix itself, f shows the commands and runs them only after you press y, then checks again. \(Self.hasNextStep(journey) ? "Press n to go on to the next step." : "Press r to make a report (private details replaced) to share when you ask for help.")
        """
    }
}
