// The frame shown instead of a screen when the terminal is too small to draw it.

public struct SizeNotice: Sendable {
    public var minimum: Size

    public init(minimum: Size) {
        self.minimum = minimum
    }

    public func message(glyphs: Glyphs) -> String {
        "Please make this window at least \(minimum.width)\(glyphs.times)\(minimum.height)"
    }

    public func frame(size: Size, glyphs: Glyphs) -> Frame {
        var frame = Frame(size: size)
        let now = "It is \(size.width)\(glyphs.times)\(size.height) now."
        let lines = TextWrap.lines(message(glyphs: glyphs), width: size.width) + TextWrap.lines(now, width: size.width)
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (size.width - line.count) / 2)
            frame.put(line, at: Point(x: x, y: top + index), style: index == 0 ? .bold : .plain)
        }
        return frame
    }
}
