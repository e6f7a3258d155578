// The Checks step: the doctor's verdict per area (✓ ! ✗), and on Enter the evidence and the fix
// for this distribution. Fixes are shown, never run from here.
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

    public init(facts: MachineFacts) {
        let report = CheckRunner().examine(facts)
        sections = report.sections
        family = report.family
    }
}

enum ChecksScreen {
    static func status(_ severity: Severity) -> ChecklistRow.Status {
        switch severity {
        case .ok, .info: .ok
        case .warning: .warning
        case .error: .failure
        }
    }

    /// Everything known about one area, for the details view: each finding's explanation,
    /// evidence and the steps to fix it here.
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

    static func update(_ progress: ChecksProgress, journey: Journey, key: Key, size: Size, flow: Flow) -> Navigation {
        var progress = progress
        if let offset = progress.detailOffset {
            switch key {
            case .enter, .backspace, .character("b"): progress.detailOffset = nil
            default:
                let text = details(progress.sections[progress.selected], family: progress.family)
                let lines = TextWrap.lines(text, width: max(1, size.width - 4)).count
                progress.detailOffset = TextViewer.scrolled(offset, by: key, lineCount: lines, page: max(1, size.height - 5))
            }
            return .stay(.checks(progress, in: journey))
        }
        switch key {
        case .enter, .right:
            progress.detailOffset = 0
            return .stay(.checks(progress, in: journey))
        case .character("n") where hasNextStep(journey):
            return .open(flow.screen(after: .checks, in: journey))
        default:
            progress.selected = SelectionList.moved(progress.selected, by: key, count: progress.sections.count, page: 5)
            return .stay(.checks(progress, in: journey))
        }
    }

    static func view(_ progress: ChecksProgress, journey: Journey, context: ViewContext) -> Frame {
        let screen = Screen.checks(progress, in: journey)
        let open = progress.detailOffset != nil
        let next = hasNextStep(journey)
        var hints: [KeyHints.Hint] = open
            ? [.init("Enter", "Back to the list"), .init("PgUp/PgDn", "Scroll"), .init("q", "Quit")]
            : [.init(context.glyphs.upDown, "Move"), .init("Enter", "Details"), .init("Esc", "Back"), .init("q", "Quit")]
        if next, !open { hints.insert(.init("n", "Next step"), at: 2) }
        let chrome = ScreenChrome(
            title: screen.title.text, detail: screen.title.detail, hints: hints,
            typedHint: next ? "Type n for the next step, b to go back, q to quit." : "Type b to go back, q to quit."
        )
        var (frame, body) = chrome.frame(context)
        if let offset = progress.detailOffset, progress.sections.indices.contains(progress.selected) {
            let text = details(progress.sections[progress.selected], family: progress.family)
            TextViewer(text, offset: offset).draw(into: &frame, in: body, glyphs: context.glyphs)
            return frame
        }
        let problems = progress.sections.filter { $0.status == .warning || $0.status == .error }.count
        let intro = problems == 0
            ? "No problems found. Press Enter on an area to see what Onramp checked."
            : "\(problems) area\(problems == 1 ? " needs" : "s need") attention. Press Enter on one to see why and how to fix it."
        let used = Paragraph(intro).draw(into: &frame, in: Rect(x: body.x, y: body.y, width: body.width, height: 2))
        let titleWidth = progress.sections.map(\.area.name.count).max() ?? 0
        let listTop = body.y + used + 1
        let height = max(0, body.maxY - listTop)
        let first = SelectionList(progress.sections.map { SelectionList.Item($0.area.name) }, selected: progress.selected)
            .firstVisible(height: height)
        for (row, index) in (first..<min(progress.sections.count, first + height)).enumerated() {
            let section = progress.sections[index]
            let detail = section.findings.first?.title ?? section.summary
            let title = section.area.name + String(repeating: " ", count: max(0, titleWidth - section.area.name.count))
            ChecklistRow(status(section.status), title, detail: detail, highlighted: index == progress.selected && !context.lineMode)
                .draw(into: &frame, at: Point(x: body.x, y: listTop + row), width: body.width, glyphs: context.glyphs)
        }
        return frame
    }
}
