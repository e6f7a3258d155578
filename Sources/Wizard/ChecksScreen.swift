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
    /// An answer to the last key, when it could not do what it asks (f with nothing to fix);
    /// shown at the top of the list or the details until the next key.
    public var notice: String?
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

    /// The numbers (as on the list) of the areas with a fix Onramp can run.
    var fixableAreas: [Int] {
        sections.indices.filter { sections[$0].findings.contains { $0.action != nil } }.map { $0 + 1 }
    }

    /// Why `f` does nothing for the highlighted area, and where a fix can be found instead.
    var nothingToFix: String {
        let area = sections.indices.contains(selected) ? sections[selected] : nil
        let name = area?.area.name ?? "This area"
        guard canFix else {
            return "Onramp cannot run fixes here; the details (Enter) show the commands to type yourself."
        }
        var said = area?.findings.isEmpty ?? true
            ? "\(name): nothing to fix."
            : "Onramp has no fix of its own for \(name); its details (Enter) say what to do by hand."
        let others = fixableAreas
        if !others.isEmpty {
            said += " Onramp can fix area\(others.count == 1 ? "" : "s") \(others.map(String.init).joined(separator: ", ")): open one and press f."
        }
        return said
    }

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
    var accepting: String? {
        let next = journey.steps.firstIndex(of: .checks).flatMap { journey.steps.dropFirst($0 + 1).first } ?? .finish
        return "the checks as they are (it runs no fix), going on to \"\(next.title)\""
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
            progress.notice = nil
            // n, r and f mean the same in the details as on the list (the details' footer offers them).
            switch key {
            case .character("n") where Self.hasNextStep(journey):
                return (.open(context.flow.screen(after: .checks, in: journey, answers: SetupAnswers(facts: progress.facts))), [])
            case .character("r") where Self.offersReport(journey, context.flow):
                return (.open(context.flow.screen(for: .reportPreview, in: journey, answers: SetupAnswers(facts: progress.facts))), [])
            case .character("f"), .character("F"):
                if let offer = progress.offer {
                    progress.fixQuestion = offer
                } else {
                    progress.notice = progress.nothingToFix
                }
                return (.stay(.checks(progress, in: journey)), [])
            case .character(let c) where c.wholeNumberValue.map { (1...progress.sections.count).contains($0) } == true:
                // A number opens that area's details, from the list or from another area's details.
                progress.selected = (c.wholeNumberValue ?? 1) - 1
                progress.detailOffset = 0
                return (.stay(.checks(progress, in: journey)), [])
            default:
                break
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
            default:
                progress.selected = SelectionList.moved(progress.selected, by: key, count: progress.sections.count, page: 5)
                return (.stay(.checks(progress, in: journey)), [])
            }
        }
    }

    /// Inside a finding's details: Esc, Enter or b go back to the list (not off the screen),
    /// other keys scroll.
    static func detailsAfter(_ key: Key, _ progress: ChecksProgress, size: Size) -> ChecksProgress {
        var progress = progress
        switch key {
        case .escape, .enter, .backspace, .character("b"): progress.detailOffset = nil
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
        var frame = listOrDetails(context, services)
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

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        let open = progress.detailOffset != nil
        let next = Self.hasNextStep(journey)
        let report = Self.offersReport(journey, context.flow)
        let count = progress.sections.count
        var hints: [KeyHints.Hint] = open
            ? [.init("Enter", "Back to the list"), .init("PgUp/PgDn", "Scroll")]
            : [.init(glyphs.upDown, "Move"), .init("Enter/1-\(min(count, 9))", "Details"), .init("Esc", "Back")]
        if report { hints.insert(.init("r", "Make a report"), at: open ? 0 : 2) }
        if next { hints.insert(.init("n", "Next step"), at: open ? 0 : 2) }
        if progress.offer != nil { hints.insert(.init("f", "Fix this"), at: 0) }
        // One printed line of at most 78 characters (line mode's footer), so the words are short.
        var typed: [String] = []
        if open, progress.offer != nil { typed.append("f: run the fix (asks first)") }
        if !open { typed.append("a number: an area's details") }
        if next { typed.append("n: next step") }
        if report { typed.append("r: make a report") }
        typed.append(open ? "b: the list" : "b: back")
        return ScreenKeys(hints, typed: "Type " + typed.joined(separator: ", ") + ", q: quit.")
    }

    func listOrDetails(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
        var (frame, body) = chrome.frame(context)
        var used = 0
        if let notice = progress.notice {
            used = Paragraph(notice, style: .bold).draw(into: &frame, in: Rect(x: body.x, y: body.y, width: body.width, height: 3)) + 1
        }
        if let offset = progress.detailOffset, progress.sections.indices.contains(progress.selected) {
            let text = Self.details(progress)
            TextViewer(text, offset: offset).draw(
                into: &frame, in: Rect(x: body.x, y: body.y + used, width: body.width, height: body.height - used), glyphs: context.glyphs)
            return frame
        }
        let problems = progress.sections.filter { $0.status == .warning || $0.status == .error }.count
        var intro = problems == 0
            ? "No problems found. Choose an area (Enter or its number) to see what Onramp checked."
            : "\(problems) area\(problems == 1 ? " needs" : "s need") attention. Choose one (Enter or its number) to see why and how to fix it."
        // Troubleshoot's journey ends here: say so, and what is left to do.
        if !Self.hasNextStep(journey) {
            intro += " This is the last step: "
                + (Self.offersReport(journey, services.flow) ? "r makes a report to share when you ask for help; " : "")
                + "q leaves Onramp."
        }
        if let note = progress.fixNote {
            used += Paragraph(note).draw(into: &frame, in: Rect(x: body.x, y: body.y + used, width: body.width, height: 2)) + 1
        }
        used += Paragraph(intro).draw(into: &frame, in: Rect(x: body.x, y: body.y + used, width: body.width, height: 4))
        // Numbered, so a number opens an area's details (the only way to choose one in line mode).
        let labels = progress.sections.enumerated().map { "\($0.offset + 1). " + $0.element.area.name }
        let titleWidth = labels.map(\.count).max() ?? 0
        let listTop = body.y + used + 1
        let height = max(0, body.maxY - listTop)
        let first = SelectionList(progress.sections.map { SelectionList.Item($0.area.name) }, selected: progress.selected)
            .firstVisible(height: height)
        for (row, index) in (first..<min(progress.sections.count, first + height)).enumerated() {
            let section = progress.sections[index]
            let detail = section.findings.first?.title ?? section.summary
            let label = labels[index] + String(repeating: " ", count: max(0, titleWidth - labels[index].count))
            ChecklistRow(Self.status(section.status), label, detail: detail, highlighted: index == progress.selected && !context.lineMode)
                .draw(into: &frame, at: Point(x: body.x, y: listTop + row), width: body.width, glyphs: context.glyphs)
        }
        return frame
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.checks.title)".

        \(Step.checks.purpose) Each line is one area of this computer: \(glyphs.ok) fine, \(glyphs.warning) worth fixing, \(glyphs.failure) stops models from running well. Enter (or an area's number) shows what Onramp saw and the exact commands to fix it on this system; where Onramp can run the fix itself, f shows the commands and runs them only after you press y, then checks again (on an area with nothing Onramp can fix, f says so). \(Self.hasNextStep(journey) ? "Press n to go on to the next step." : "Press r to make a report (private details replaced) to share when you ask for help.")
        """
    }
}
