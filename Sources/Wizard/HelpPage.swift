// The help overlay: what the current screen is for and which keys work, on F1 or `?`.
import TUI

enum HelpPage {
    /// The screen's own help, then its keys (the footer's hints, from the same `keys`), then the
    /// keys every screen shares.
    static func text(for screen: Screen, _ context: ScreenContext, glyphs: Glyphs, lineMode: Bool) -> String {
        let program = screen.program
        let keys = program.keys(context, glyphs: glyphs)
        let own = lineMode
            ? (keys.typed.isEmpty ? "" : "On this page: " + keys.typed)
            : "Keys on this screen:\n" + keys.hints.map { "  \($0.keys): \($0.action)" }.joined(separator: "\n")
        return program.help(glyphs: glyphs) + "\n\n" + (own.isEmpty ? "" : own + "\n\n") + (lineMode ? typedCommands : commonKeys)
    }

    static let commonKeys = """
        On every screen: F1 or ? shows this help, Esc goes back (what was done is kept), \
        q quits after asking (q or y again to quit).
        """

    static let typedCommands = """
        On every page: b goes back, ? shows this help, q quits after asking (q or y again to quit). \
        Anything else is answered with what can be typed.
        """

    /// Help in a box over the screen, as tall as its text needs and the terminal allows.
    static func rect(for screen: Screen, _ context: ScreenContext, in size: Size) -> Rect {
        let width = min(72, size.width - 4)
        let lines = TextWrap.lines(text(for: screen, context, glyphs: .ascii, lineMode: false), width: max(1, width - 4)).count
        return Rect(size: size).centred(Size(width: width, height: min(size.height - 2, lines + 4)))
    }

    /// How many lines the help has at this size, and how many fit at once. ASCII glyphs are the
    /// wider set, so the count is never short; drawing clamps the offset again.
    static func extent(for screen: Screen, _ context: ScreenContext, in size: Size) -> (lines: Int, page: Int) {
        let inner = rect(for: screen, context, in: size).inset(dx: 2, dy: 1)
        let lines = TextWrap.lines(text(for: screen, context, glyphs: .ascii, lineMode: false), width: inner.width).count
        return (lines, max(1, inner.height - 2))
    }

    static func draw(into frame: inout Frame, screen: Screen, _ services: ScreenContext, offset: Int, context: ViewContext) {
        if context.lineMode {
            // Printed as a page of its own: a box drawn over the screen reads badly as text.
            frame = Frame(size: context.size)
            TitleBar("Help").draw(into: &frame, row: 0, glyphs: context.glyphs)
            let text = text(for: screen, services, glyphs: context.glyphs, lineMode: true) + "\n\nType b to close this help."
            Paragraph(text).draw(into: &frame, in: Rect(size: context.size).inset(dx: 2, dy: 2))
            return
        }
        let box = rect(for: screen, services, in: context.size)
        frame.fill(box)
        frame.box(box, glyphs: context.glyphs, style: .accent)
        frame.put(" Help ", at: Point(x: box.x + 2, y: box.y), style: .bold)
        let inner = box.inset(dx: 2, dy: 1)
        let viewer = TextViewer(text(for: screen, services, glyphs: context.glyphs, lineMode: false), offset: offset)
        viewer.draw(into: &frame, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1), glyphs: context.glyphs)
        frame.put("Esc: close help", at: Point(x: inner.x, y: inner.maxY - 1), style: .dim)
    }
}
