// Wrapped text inside a rectangle: explanations, welcome text, "not available yet" notices.

public struct Paragraph: Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public func lines(width: Int) -> [String] {
        TextWrap.lines(text, width: width)
    }

    /// Draws as many lines as fit; returns the number of rows used.
    @discardableResult
    public func draw(into frame: inout Frame, in rect: Rect) -> Int {
        let lines = lines(width: rect.width).prefix(rect.height)
        for (index, line) in lines.enumerated() {
            frame.put(line, at: Point(x: rect.x, y: rect.y + index), style: style, clip: rect)
        }
        return lines.count
    }
}
