// The help overlay: what the current screen is for and which keys work, on F1 or `?`.
import TUI

enum HelpPage {
    /// The screen's own help, then the keys every screen shares.
    static func text(for screen: Screen, glyphs: Glyphs, lineMode: Bool) -> String {
        screen.program.help(glyphs: glyphs) + "\n\n" + (lineMode ? typedCommands : keys(glyphs))
    }

    static func keys(_ glyphs: Glyphs) -> String {
        """
        Keys:
        \(glyphs.upDown) moves, Enter chooses, a number chooses directly.
        Esc goes back. F1 or ? shows this help. q quits (after asking).
        """
    }

    static let typedCommands = """
        Type a number and Enter to choose, b to go back, ? for this help, q to quit (after asking).
        """

    /// Help in a box over the screen, as tall as its text needs and the terminal allows.
    static func rect(for screen: Screen, in size: Size) -> Rect {
        let width = min(72, size.width - 4)
        let lines = TextWrap.lines(text(for: screen, glyphs: .ascii, lineMode: false), width: max(1, width - 4)).count
        return Rect(size: size).centred(Size(width: width, height: min(size.height - 2, lines + 4)))
    }

    /// How many lines the help has at this size, and how many fit at once. ASCII glyphs are the
    /// wider set, so the count is never short; drawing clamps the offset again.
    static func extent(for screen: Screen, in size: Size) -> (lines: Int, page: Int) {
        let inner = rect(for: screen, in: size).inset(dx: 2, dy: 1)
        let lines = TextWrap.lines(text(for: screen, glyphs: .ascii, lineMode: false), width: inner.width).count
        return (lines, max(1, inner.height - 2))
    }

    static func draw(into frame: inout Frame, screen: Screen, offset: Int, context: ViewContext) {
        if context.lineMode {
            // Printed as a page of its own: a box drawn over the screen reads badly as text.
            frame = Frame(size: context.size)
            TitleBar("Help").draw(into: &frame, row: 0, glyphs: context.glyphs)
            let text = text(for: screen, glyphs: context.glyphs, lineMode: true) + "\n\nType b to close this help."
            Paragraph(text).draw(into: &frame, in: Rect(size: context.size).inset(dx: 2, dy: 2))
            return
        }
        let box = rect(for: screen, in: context.size)
        frame.fill(box)
        frame.box(box, glyphs: context.glyphs, style: .accent)
        frame.put(" Help ", at: Point(x: box.x + 2, y: box.y), style: .bold)
        let inner = box.inset(dx: 2, dy: 1)
        let viewer = TextViewer(text(for: screen, glyphs: context.glyphs, lineMode: false), offset: offset)
        viewer.draw(into: &frame, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), glyphs: context.glyphs)
        frame.put("Esc: close help", at: Point(x: inner.x, y: inner.maxY - 1), style: .dim)
    }
}
