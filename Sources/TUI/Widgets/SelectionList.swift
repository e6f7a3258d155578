// A list of choices with one selected, scrolling to keep the selection visible.

public struct SelectionList: Sendable {
    public struct Item: Hashable, Sendable {
        public var label: String
        public var detail: String
        /// Disabled items are shown dimmed (e.g. models that do not fit) and cannot be chosen.
        public var enabled: Bool

        public init(_ label: String, detail: String = "", enabled: Bool = true) {
            self.label = label
            self.detail = detail
            self.enabled = enabled
        }
    }

    public var items: [Item]
    /// Nil shows no selection at all (line mode, where choices are typed by number).
    public var selected: Int?
    /// Prefix each item with its number, so it can be chosen by typing it (and in line mode).
    public var numbered: Bool

    public init(_ items: [Item], selected: Int?, numbered: Bool = true) {
        self.items = items
        self.selected = selected.map { items.isEmpty ? 0 : min(max(0, $0), items.count - 1) }
        self.numbered = numbered
    }

    /// The first visible item: scrolled just enough that the selection is on screen.
    public func firstVisible(height: Int) -> Int {
        guard height > 0, items.count > height else { return 0 }
        return min(max(0, (selected ?? 0) - height + 1), items.count - height)
    }

    /// The selection after a navigation key; other keys leave it where it is.
    public static func moved(_ selected: Int, by key: Key, count: Int, page: Int) -> Int {
        guard count > 0 else { return 0 }
        let target: Int
        switch key {
        case .up: target = selected - 1
        case .down, .tab: target = selected + 1
        case .backTab: target = selected - 1
        case .pageUp: target = selected - max(1, page)
        case .pageDown: target = selected + max(1, page)
        case .home: target = 0
        case .end: target = count - 1
        default: target = selected
        }
        return min(max(0, target), count - 1)
    }

    public func draw(into frame: inout Frame, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let first = firstVisible(height: rect.height)
        let labelWidth = items.indices.map { prefix(for: $0).count + items[$0].label.count }.max() ?? 0
        for row in 0..<min(rect.height, items.count - first) {
            let index = first + row
            let item = items[index]
            let isSelected = index == selected
            let pointer = isSelected ? glyphs.pointer : String(repeating: " ", count: glyphs.pointer.count)
            var line = pointer + " " + prefix(for: index) + item.label
            if !item.detail.isEmpty {
                line += String(repeating: " ", count: max(0, labelWidth - line.count + pointer.count + 1)) + "  "
                line += item.detail
            }
            var style = Style(dim: !item.enabled)
            if isSelected { style.reverse = true }
            let y = rect.y + row
            if isSelected {
                frame.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell(" ", style: style))
            }
            frame.put(Frame.truncate(line, to: rect.width, ellipsis: glyphs.ellipsis), at: Point(x: rect.x, y: y), style: style)
        }
        drawScrollMarks(into: &frame, in: rect, first: first, glyphs: glyphs)
    }

    private func prefix(for index: Int) -> String {
        numbered ? "\(index + 1). " : ""
    }

    private func drawScrollMarks(into frame: inout Frame, in rect: Rect, first: Int, glyphs: Glyphs) {
        let right = rect.maxX - glyphs.moreAbove.count
        if first > 0 {
            frame.put(glyphs.moreAbove, at: Point(x: right, y: rect.y), style: .dim)
        }
        if first + rect.height < items.count {
            frame.put(glyphs.moreBelow, at: Point(x: rect.maxX - glyphs.moreBelow.count, y: rect.maxY - 1), style: .dim)
        }
    }
}
