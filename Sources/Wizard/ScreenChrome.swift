// The parts every wizard screen shares: title bar on top, key hints at the bottom, the body between.
import TUI

struct ScreenChrome {
    var title: String
    var detail: String?
    var hints: [KeyHints.Hint]
    /// What to type in line mode, where keys are typed as words.
    var typedHint: String

    /// The keys every screen shares, at the end of every footer (and in every help page).
    static let commonHints: [KeyHints.Hint] = [.init("?", "Help"), .init("q", "Quit")]

    init(title: String, detail: String?, keys: ScreenKeys) {
        self.title = title
        self.detail = detail
        self.hints = keys.hints + Self.commonHints
        self.typedHint = keys.typed
    }

    /// A fresh frame with the title and footer drawn, and the rectangle left for the body.
    func frame(_ context: ViewContext) -> (Frame, body: Rect) {
        var frame = Frame(size: context.size)
        TitleBar(title, detail: detail).draw(into: &frame, row: 0, glyphs: context.glyphs)
        let footerRow = context.size.height - 1
        if context.lineMode {
            frame.put(typedHint, at: Point(x: 1, y: footerRow), style: .dim)
        } else {
            KeyHints(hints).draw(into: &frame, row: footerRow, glyphs: context.glyphs)
        }
        let body = Rect(x: 2, y: 2, width: context.size.width - 4, height: context.size.height - 4)
        return (frame, body)
    }
}
