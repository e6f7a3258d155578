// A screenful of styled cells. Views draw into a Frame (pure); terminals show it; tests read `text`.

public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style

    public init(_ character: Character, style: Style = .plain) {
        self.character = character
        self.style = style
    }

    public static let blank = Cell(" ")
}

public struct Frame: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, filling cell: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: cell, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(size: size) }

    /// The cell at a position; a blank cell outside the frame, so callers never trap on bad coordinates.
    public subscript(x: Int, y: Int) -> Cell {
        guard contains(x: x, y: y) else { return .blank }
        return cells[y * size.width + x]
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.width && y < size.height
    }

    public mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard contains(x: x, y: y) else { return }
        cells[y * size.width + x] = cell
    }

    /// Writes `text` on one row starting at `point`, cut off at the right edge of `clip`
    /// (the whole frame by default). Returns how many columns were written.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard point.y >= area.y, point.y < area.maxY else { return 0 }
        var x = point.x
        for character in text {
            if x >= area.maxX { break }
            if x >= area.x, character != "\n" {
                set(x: x, y: point.y, Cell(character, style: style))
            }
            x += 1
        }
        return max(0, min(x, area.maxX) - point.x)
    }

    /// Writes `text` cut to `width` columns, ending with an ellipsis when it did not fit.
    @discardableResult
    public mutating func put(
        _ text: String, at point: Point, width: Int, style: Style = .plain, ellipsis: String
    ) -> Int {
        put(Frame.truncate(text, to: width, ellipsis: ellipsis), at: point, style: style)
    }

    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in rect.y..<max(rect.y, rect.maxY) {
            for x in rect.x..<max(rect.x, rect.maxX) {
                set(x: x, y: y, cell)
            }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the characters (a highlighted row, a title bar).
    public mutating func restyle(_ rect: Rect, _ style: Style) {
        for y in rect.y..<max(rect.y, rect.maxY) {
            for x in rect.x..<max(rect.x, rect.maxX) where contains(x: x, y: y) {
                cells[y * size.width + x].style = style
            }
        }
    }

    /// Draws a border on the edge of `rect`.
    public mutating func box(_ rect: Rect, glyphs: Glyphs, style: Style = .plain) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        for x in (rect.x + 1)..<right {
            set(x: x, y: rect.y, Cell(glyphs.horizontal, style: style))
            set(x: x, y: bottom, Cell(glyphs.horizontal, style: style))
        }
        for y in (rect.y + 1)..<bottom {
            set(x: rect.x, y: y, Cell(glyphs.vertical, style: style))
            set(x: right, y: y, Cell(glyphs.vertical, style: style))
        }
        set(x: rect.x, y: rect.y, Cell(glyphs.topLeft, style: style))
        set(x: right, y: rect.y, Cell(glyphs.topRight, style: style))
        set(x: rect.x, y: bottom, Cell(glyphs.bottomLeft, style: style))
        set(x: right, y: bottom, Cell(glyphs.bottomRight, style: style))
    }

    /// One row as plain characters, trailing blanks included.
    public func row(_ y: Int) -> [Cell] {
        guard y >= 0, y < size.height else { return [] }
        return Array(cells[(y * size.width)..<((y + 1) * size.width)])
    }

    /// The frame as plain text, one line per row with trailing blanks removed: what tests and
    /// line mode compare and print.
    public var text: String {
        (0..<size.height).map { y in
            var line = String(row(y).map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// `text` cut to `width` characters; the end is replaced by `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        guard width > ellipsis.count else { return String(text.prefix(width)) }
        return String(text.prefix(width - ellipsis.count)) + ellipsis
    }
}
