// One line of a checklist: a mark (✓ ! ✗ –, or [ok] [!!] [XX] [--] in ASCII), a title and a short detail.

public struct ChecklistRow: Sendable {
    public enum Status: Hashable, Sendable {
        case ok, warning, failure, pending, running
        /// Looked for and found nothing there (no graphics card): neither passed nor failed.
        case absent

        public func mark(_ glyphs: Glyphs) -> String {
            switch self {
            case .ok: glyphs.ok
            case .warning: glyphs.warning
            case .failure: glyphs.failure
            case .pending: glyphs.pending
            case .running: glyphs.running
            case .absent: glyphs.absent
            }
        }

        public var tone: Tone {
            switch self {
            case .ok: .good
            case .warning: .warning
            case .failure: .bad
            case .pending, .running, .absent: .normal
            }
        }
    }

    public var status: Status
    public var title: String
    public var detail: String
    public var highlighted: Bool

    public init(_ status: Status, _ title: String, detail: String = "", highlighted: Bool = false) {
        self.status = status
        self.title = title
        self.detail = detail
        self.highlighted = highlighted
    }

    public func draw(into frame: inout Frame, at point: Point, width: Int, glyphs: Glyphs) {
        let row = Rect(x: point.x, y: point.y, width: width, height: 1)
        let base = Style(reverse: highlighted)
        if highlighted { frame.fill(row, with: Cell(" ", style: base)) }
        let mark = status.mark(glyphs)
        let markStyle = Style(tone: status.tone, bold: true, reverse: highlighted)
        // Marks are padded to the widest one so titles line up in a column.
        let markCell = mark + String(repeating: " ", count: max(0, glyphs.markWidth - mark.count)) + " "
        frame.put(markCell, at: point, style: markStyle, clip: row)
        var x = point.x + markCell.count
        let room = max(0, row.maxX - x)
        x += frame.put(Frame.truncate(title, to: room, ellipsis: glyphs.ellipsis), at: Point(x: x, y: point.y), style: base)
        guard !detail.isEmpty, row.maxX - x > 2 + glyphs.ellipsis.count else { return }
        let detailText = Frame.truncate(detail, to: row.maxX - x - 2, ellipsis: glyphs.ellipsis)
        frame.put("  " + detailText, at: Point(x: x, y: point.y), style: Style(reverse: highlighted, dim: true))
    }
}
