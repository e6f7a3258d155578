// The top row of every screen: what this screen is, and where it sits in the journey.

public struct TitleBar: Sendable {
    public var title: String
    /// Shown at the right edge, e.g. "Step 2 of 6".
    public var detail: String?

    public init(_ title: String, detail: String? = nil) {
        self.title = title
        self.detail = detail
    }

    public func draw(into frame: inout Frame, row: Int, glyphs: Glyphs) {
        let width = frame.size.width
        let style = Style(reverse: true)
        frame.fill(Rect(x: 0, y: row, width: width, height: 1), with: Cell(" ", style: style))
        let right = detail.map { " \($0) " } ?? ""
        let room = max(0, width - right.count - 1)
        frame.put(" " + Frame.truncate(title, to: max(0, room - 1), ellipsis: glyphs.ellipsis),
                  at: Point(x: 0, y: row), style: Style(bold: true, reverse: true))
        if !right.isEmpty, right.count < width {
            frame.put(right, at: Point(x: width - right.count, y: row), style: style)
        }
    }
}
