// The Scan step: each area of the machine appears with its main facts as soon as it is probed.
import Probe
import TUI

/// What the Scan screen knows so far. `run` tells this scan's updates from those of a scan
/// the user walked away from.
public struct ScanProgress: Equatable, Sendable {
    public var run: Int
    public var completed: [ProbeArea] = []
    public var facts = MachineFacts()

    public init(run: Int) {
        self.run = run
    }

    public var isFinished: Bool { completed.count == ProbeArea.allCases.count }

    mutating func apply(_ update: ScanUpdate) {
        if !completed.contains(update.area) { completed.append(update.area) }
        facts = update.facts
    }
}

enum ScanScreen {
    static func command(run: Int, scan: MachineScan) -> Command<WizardMessage> {
        .stream { send in
            for await update in scan.start() {
                send(.scanned(update, run: run))
            }
        }
    }

    static func update(_ progress: ScanProgress, journey: Journey, key: Key, flow: Flow) -> Navigation {
        guard key == .enter, progress.isFinished else { return .stay(.scan(progress, in: journey)) }
        // The checks are pure functions of the scanned facts, so their screen opens with its verdict.
        if journey.steps.dropFirst().first == .checks {
            return .open(.checks(ChecksProgress(facts: progress.facts, canFix: flow.canFix), in: journey))
        }
        return .open(flow.screen(after: .scan, in: journey))
    }

    /// The area's first facts on one line, e.g. "Model: AMD Ryzen 7 5800X; Architecture: x86_64".
    static func summary(of area: ProbeArea, _ facts: MachineFacts) -> String {
        FactsText.rows(for: area, facts).prefix(2).map { "\($0.0): \($0.1)" }.joined(separator: "; ")
    }

    static func view(_ progress: ScanProgress, journey: Journey, context: ViewContext) -> Frame {
        let screen = Screen.scan(progress, in: journey)
        var hints: [KeyHints.Hint] = [.init("Esc", "Back"), .init("?", "Help"), .init("q", "Quit")]
        if progress.isFinished { hints.insert(.init("Enter", "Continue"), at: 0) }
        // Line mode prints only what changed, so while scanning it shows finished areas alone:
        // the scan then reads as one line per area instead of a page per area.
        let quietLines = context.lineMode && !progress.isFinished
        let chrome = ScreenChrome(
            title: screen.title.text, detail: screen.title.detail, hints: hints,
            typedHint: progress.isFinished ? "Press Enter to continue, b to go back, q to quit." : ""
        )
        var (frame, body) = chrome.frame(context)
        var y = body.y
        let intro = "Onramp reads what this computer has. Nothing is changed or sent anywhere."
        y += Paragraph(intro).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: 2)) + 1
        let titleWidth = ProbeArea.allCases.map(\.title.count).max() ?? 0
        for (index, area) in ProbeArea.allCases.enumerated() where y < body.maxY {
            if quietLines, !progress.completed.contains(area) { continue }
            let status: ChecklistRow.Status
            if progress.completed.contains(area) {
                status = .ok
            } else {
                status = index == progress.completed.count ? .running : .pending
            }
            let detail = status == .ok ? summary(of: area, progress.facts) : (status == .running ? "looking" + context.glyphs.ellipsis : "")
            let title = area.title + String(repeating: " ", count: max(0, titleWidth - area.title.count))
            ChecklistRow(status, title, detail: detail).draw(into: &frame, at: Point(x: body.x, y: y), width: body.width, glyphs: context.glyphs)
            y += 1
        }
        let next = journey.steps.dropFirst().first?.title ?? Step.finish.title
        let status = progress.isFinished
            ? "Scan complete. Press Enter for \"\(next)\"."
            : "Scanning: \(progress.completed.count) of \(ProbeArea.allCases.count) areas done."
        if quietLines { return frame }
        Paragraph(status, style: .bold).draw(into: &frame, in: Rect(x: body.x, y: y + 1, width: body.width, height: max(0, body.maxY - y - 1)))
        return frame
    }
}
