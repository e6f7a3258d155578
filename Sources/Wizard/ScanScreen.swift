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

struct ScanScreen: ScreenProgram {
    var progress: ScanProgress
    var journey: Journey

    var screen: Screen { .scan(progress, in: journey) }
    var autoAnswer: AutoAnswer? { progress.isFinished ? .key(.enter) : nil }
    var title: (text: String, detail: String?) { Self.stepTitle(.scan, journey) }

    /// A fresh scan starts each time the screen opens; its updates carry this opening's number.
    func opened(_ context: ScreenContext) -> (Screen, [Command<WizardMessage>]) {
        guard let machineScan = context.machineScan else { return (screen, []) }
        let fresh = Screen.scan(ScanProgress(run: context.opening), in: journey)
        return (fresh, [Self.command(run: context.opening, scan: machineScan)])
    }

    static func command(run: Int, scan: MachineScan) -> Command<WizardMessage> {
        .stream { send in
            for await update in scan.start() {
                send(.scanned(update, run: run))
            }
        }
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        switch input {
        case .message(.scanned(let update, let run)) where run == progress.run:
            var progress = progress
            progress.apply(update)
            return (.stay(.scan(progress, in: journey)), [])
        case .message:
            return (.stay(screen), [])
        case .key(.escape):
            return (.back, [])
        case .key(let key):
            guard key == .enter, progress.isFinished else { return (.stay(screen), []) }
            // The checks are pure functions of the scanned facts, so their screen opens with its verdict.
            return (.open(context.flow.screen(after: .scan, in: journey, answers: SetupAnswers(facts: progress.facts))), [])
        }
    }

    /// The area's first facts on one line, e.g. "Model: AMD Ryzen 7 5800X; Architecture: x86_64".
    static func summary(of area: ProbeArea, _ facts: MachineFacts) -> String {
        FactsText.rows(for: area, facts).prefix(2).map { "\($0.0): \($0.1)" }.joined(separator: "; ")
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        // Line mode prints only what changed, so while scanning it shows finished areas alone:
        // the scan then reads as one line per area instead of a page per area.
        let quietLines = context.lineMode && !progress.isFinished
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
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
            let detail = status == .ok ? Self.summary(of: area, progress.facts) : (status == .running ? "looking" + context.glyphs.ellipsis : "")
            let label = area.title + String(repeating: " ", count: max(0, titleWidth - area.title.count))
            ChecklistRow(status, label, detail: detail).draw(into: &frame, at: Point(x: body.x, y: y), width: body.width, glyphs: context.glyphs)
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

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        // Line mode prints nothing to type while scanning: a prompt would land among the area lines.
        guard progress.isFinished else { return ScreenKeys([.init("Esc", "Back")], typed: "") }
        return ScreenKeys([.init("Enter", "Continue"), .init("Esc", "Back")], typed: "Press Enter to continue, b to go back, q to quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.scan.title)".

        \(Step.scan.purpose) Each area is shown as soon as it has been read. Onramp only reads files and asks installed tools for their versions, each for at most 3 seconds; it changes nothing and sends nothing anywhere.

        When the scan is complete, press Enter to go on.
        """
    }
}
