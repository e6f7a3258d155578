// A modal box over the current screen: a question, a message and a row of buttons.

public struct Dialog: Sendable {
    public var title: String
    public var message: String
    public var buttons: [String]
    public var selected: Int

    public init(title: String, message: String, buttons: [String], selected: Int = 0) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selected = buttons.isEmpty ? 0 : min(max(0, selected), buttons.count - 1)
    }

    /// The box's place: at most 56 columns wide, tall enough for the message, centred in `area`.
    public func rect(in area: Rect) -> Rect {
        let width = min(56, max(0, area.width - 4))
        let lines = TextWrap.lines(message, width: max(1, width - 4))
        return area.centred(Size(width: width, height: lines.count + 5))
    }

    public func draw(into frame: inout Frame, in area: Rect, glyphs: Glyphs) {
        let box = rect(in: area)
        guard box.width >= 8, box.height >= 5 else { return }
        frame.fill(box)
        frame.box(box, glyphs: glyphs, style: .accent)
        let heading = Frame.truncate(" \(title) ", to: box.width - 4, ellipsis: glyphs.ellipsis)
        frame.put(heading, at: Point(x: box.x + 2, y: box.y), style: .bold)
        let inner = box.inset(dx: 2, dy: 1)
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 3))
        // Rows inside the border: blank, message, blank, buttons.
        Paragraph(message).draw(into: &frame, in: body)
        drawButtons(into: &frame, row: box.maxY - 2, box: box)
    }

    private func drawButtons(into frame: inout Frame, row: Int, box: Rect) {
        let labels = buttons.map { "[ \($0) ]" }
        let total = labels.map(\.count).reduce(0, +) + 2 * max(0, labels.count - 1)
        var x = box.x + max(1, (box.width - total) / 2)
        for (index, label) in labels.enumerated() {
            let style = index == selected ? Style(bold: true, reverse: true) : Style.plain
            x += frame.put(label, at: Point(x: x, y: row), style: style, clip: box.inset(dx: 1, dy: 0))
            x += 2
        }
    }
}
