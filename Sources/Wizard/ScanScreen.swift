// The Scan step: each area of the machine appears with a one-line summary as soon as it is probed
// (the doctor's own summary line); a number opens everything read in that area.
import Doctor
import Probe
import TUI

/// What the Scan screen knows so far. `run` tells this scan's updates from those of a scan
/// the user walked away from.
public struct ScanProgress: Equatable, Sendable {
    public var run: Int
    public var completed: [ProbeArea] = []
    public var facts = MachineFacts()
    /// The area whose facts are open (by its number on the list); nil while the list shows.
    public var detailArea: ProbeArea?
    /// First line shown of the open area's facts.
    public var detailOffset = 0

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
    var autoAnswer: AutoAnswer? { progress.isFinished && progress.detailArea == nil ? .key(.enter) : nil }
    var accepting: String? { "the scan and going on to \"\(journey.steps.dropFirst().first?.title ?? Step.finish.title)\"" }
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
        var progress = progress
        switch input {
        case .message(.scanned(let update, let run)) where run == progress.run:
            progress.apply(update)
            return (.stay(.scan(progress, in: journey)), [])
        case .message:
            return (.stay(screen), [])
        case .key(let key):
            if let area = Self.area(numbered: key), progress.isFinished {
                // A number opens that area's facts, from the list or from another area's facts.
                progress.detailArea = area
                progress.detailOffset = 0
                return (.stay(.scan(progress, in: journey)), [])
            }
            if let area = progress.detailArea {
                switch key {
                case .escape, .enter, .backspace, .character("b"):
                    progress.detailArea = nil
                default:
                    let lines = TextWrap.lines(Self.details(of: area, progress.facts), width: max(1, context.size.width - 4)).count
                    progress.detailOffset = TextViewer.scrolled(
                        progress.detailOffset, by: key, lineCount: lines, page: max(1, context.size.height - 5))
                }
                return (.stay(.scan(progress, in: journey)), [])
            }
            switch key {
            case .escape:
                return (.back, [])
            case .enter where progress.isFinished:
                // The checks are pure functions of the scanned facts, so their screen opens with its verdict.
                return (.open(context.flow.screen(after: .scan, in: journey, answers: SetupAnswers(facts: progress.facts))), [])
            default:
                return (.stay(screen), [])
            }
        }
    }

    /// The area a number key names (1 is the first area on the list).
    static func area(numbered key: Key) -> ProbeArea? {
        guard case .character(let c) = key, let number = c.wholeNumberValue, (1...ProbeArea.allCases.count).contains(number) else { return nil }
        return ProbeArea.allCases[number - 1]
    }

    /// The doctor's area for a scanned one, whose summary line the list shows.
    static func doctorArea(_ area: ProbeArea) -> Area {
        switch area {
        case .cpu: .cpu
        case .memory: .memory
        case .disks: .disk
        case .os: .system
        case .environment: .environment
        case .gpus: .gpu
        case .runtimes: .runtimes
        }
    }

    /// The area's summary as `onramp doctor` words it, e.g. "AMD Ryzen 5 5600X, 6 cores, 12 threads, AVX2".
    static func summary(of area: ProbeArea, _ facts: MachineFacts) -> String {
        AreaSummary.line(for: doctorArea(area), facts: facts)
    }

    /// A finished area's mark: read, or looked for and found nothing there (no graphics card),
    /// which is neither a pass nor a failure.
    static func status(of area: ProbeArea, _ facts: MachineFacts) -> ChecklistRow.Status {
        AreaSummary.foundNothing(in: doctorArea(area), facts: facts) ? .absent : .ok
    }

    /// Everything read in one area: `onramp probe`'s rows for it, one "label: value" a line
    /// (wrapped text has no columns to align).
    static func details(of area: ProbeArea, _ facts: MachineFacts) -> String {
        ([area.title, ""] + FactsText.rows(for: area, facts).map { "\($0.0): \($0.1)" }).joined(separator: "\n")
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        // Line mode prints only what changed, so while scanning it shows finished areas alone:
        // the scan then reads as one line per area instead of a page per area.
        let quietLines = context.lineMode && !progress.isFinished
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
        var (frame, body) = chrome.frame(context)
        if let area = progress.detailArea {
            TextViewer(Self.details(of: area, progress.facts), offset: progress.detailOffset).draw(into: &frame, in: body, glyphs: context.glyphs)
            return frame
        }
        var y = body.y
        let intro = "Onramp reads what this computer has. Nothing is changed or sent anywhere."
        y += Paragraph(intro).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: 2)) + 1
        // Numbered, so a number opens an area's facts (as on the Checks list).
        let labels = ProbeArea.allCases.enumerated().map { "\($0.offset + 1). " + $0.element.title }
        let titleWidth = labels.map(\.count).max() ?? 0
        // A summary too long for its line continues on the next where rows are to spare (80×24
        // has ten); given out in the list's order, so a line printed in line mode never changes.
        var spare = max(0, body.maxY - y - ProbeArea.allCases.count - 2)
        let detailX = body.x + context.glyphs.markWidth + 1 + titleWidth + 2
        let detailWidth = max(1, body.maxX - detailX)
        for (index, area) in ProbeArea.allCases.enumerated() where y < body.maxY {
            if quietLines, !progress.completed.contains(area) { continue }
            let status: ChecklistRow.Status
            let detail: String
            if progress.completed.contains(area) {
                status = Self.status(of: area, progress.facts)
                detail = Self.summary(of: area, progress.facts)
            } else {
                status = index == progress.completed.count ? .running : .pending
                detail = status == .running ? "looking" + context.glyphs.ellipsis : ""
            }
            var shown = [detail]
            if detail.count > detailWidth, spare > 0 {
                let wrapped = TextWrap.lines(detail, width: detailWidth)
                let extra = min(spare, wrapped.count - 1)
                shown = Array(wrapped.prefix(extra)) + [wrapped.dropFirst(extra).joined(separator: " ")]
                spare -= extra
            }
            let label = labels[index] + String(repeating: " ", count: max(0, titleWidth - labels[index].count))
            ChecklistRow(status, label, detail: shown[0]).draw(into: &frame, at: Point(x: body.x, y: y), width: body.width, glyphs: context.glyphs)
            for line in shown.dropFirst() where y + 1 < body.maxY {
                y += 1
                frame.put(Frame.truncate(line, to: detailWidth, ellipsis: context.glyphs.ellipsis), at: Point(x: detailX, y: y), style: Style(dim: true))
            }
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
        let numbers = "1-\(ProbeArea.allCases.count)"
        if progress.detailArea != nil {
            return ScreenKeys(
                [.init("Enter", "Back to the list"), .init("PgUp/PgDn", "Scroll"), .init(numbers, "Another area")],
                typed: "Type b for the list, a number for another area, q to quit.")
        }
        return ScreenKeys(
            [.init("Enter", "Continue"), .init(numbers, "Details"), .init("Esc", "Back")],
            typed: "Press Enter to continue, a number: an area's facts, b: back, q: quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.scan.title)".

        \(Step.scan.purpose) Each area is shown as soon as it has been read. Onramp only reads files and asks installed tools for their versions, each for at most 3 seconds; it changes nothing and sends nothing anywhere.

        A mark in front of each area says what was found: \(glyphs.ok) read, \(glyphs.absent) looked for and found nothing there (no graphics card, say: not a problem, models then run on the processor). Each line is a summary; when the scan is complete, an area's number shows everything read there, and Enter goes on. Whether anything needs fixing is the next step's work.
        """
    }
}
