// The footer that says which keys do what on this screen.

public struct KeyHints: Sendable {
    public struct Hint: Hashable, Sendable {
        public var keys: String
        public var action: String

        public init(_ keys: String, _ action: String) {
            self.keys = keys
            self.action = action
        }
    }

    public var hints: [Hint]

    public init(_ hints: [Hint]) {
        self.hints = hints
    }

    /// Draws hints left to right; hints that do not fit are left out whole rather than cut in half.
    public func draw(into frame: inout Frame, row: Int, glyphs: Glyphs) {
        let width = frame.size.width
        frame.fill(Rect(x: 0, y: row, width: width, height: 1))
        var x = 1
        for (index, hint) in hints.enumerated() {
            let gap = index == 0 ? "" : glyphs.separator
            let needed = gap.count + hint.keys.count + 1 + hint.action.count
            if x + needed > width { break }
            x += frame.put(gap, at: Point(x: x, y: row), style: .dim)
            x += frame.put(hint.keys, at: Point(x: x, y: row), style: .bold)
            x += frame.put(" " + hint.action, at: Point(x: x, y: row))
        }
    }
}
