// Scrollable wrapped text: help pages, evidence behind a finding, report previews.

public struct TextViewer: Sendable {
    public var text: String
    /// Index of the first wrapped line shown.
    public var offset: Int

    public init(_ text: String, offset: Int = 0) {
        self.text = text
        self.offset = max(0, offset)
    }

    public func lines(width: Int) -> [String] {
        TextWrap.lines(text, width: width)
    }

    /// The offset after a scrolling key, kept inside the text; other keys leave it unchanged.
    public static func scrolled(_ offset: Int, by key: Key, lineCount: Int, page: Int) -> Int {
        let last = max(0, lineCount - max(1, page))
        let target: Int
        switch key {
        case .up: target = offset - 1
        case .down: target = offset + 1
        case .pageUp: target = offset - max(1, page - 1)
        case .pageDown, .character(" "): target = offset + max(1, page - 1)
        case .home: target = 0
        case .end: target = last
        default: target = offset
        }
        return min(max(0, target), last)
    }

    /// Draws the text with a position line at the bottom when it does not all fit.
    public func draw(into frame: inout Frame, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let all = lines(width: rect.width)
        let scrolls = all.count > rect.height
        let page = scrolls ? max(1, rect.height - 1) : rect.height
        let first = min(offset, max(0, all.count - page))
        for (row, line) in all.dropFirst(first).prefix(page).enumerated() {
            frame.put(line, at: Point(x: rect.x, y: rect.y + row), clip: rect)
        }
        guard scrolls else { return }
        let last = min(all.count, first + page)
        let position = "lines \(first + 1)-\(last) of \(all.count)\(glyphs.separator)PgUp/PgDn to scroll"
        frame.put(Frame.truncate(position, to: rect.width, ellipsis: glyphs.ellipsis),
                  at: Point(x: rect.x, y: rect.maxY - 1), style: .dim)
    }
}
