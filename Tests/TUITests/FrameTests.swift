// Frames: writing text, clipping at edges, borders, and the plain-text form tests rely on.
import Testing
import TUI

@Suite("Frame")
struct FrameTests {
    @Test("text written past the right edge is cut off, not wrapped")
    func clipsAtEdge() {
        var frame = Frame(size: Size(width: 5, height: 2))
        let written = frame.put("abcdefgh", at: Point(x: 2, y: 0))
        #expect(written == 3)
        #expect(frame.text == "  abc\n")
    }

    @Test("writes outside the frame are ignored instead of trapping")
    func outsideIsIgnored() {
        var frame = Frame(size: Size(width: 3, height: 1))
        frame.put("x", at: Point(x: -5, y: 7))
        frame.set(x: 99, y: 0, Cell("y"))
        frame.fill(Rect(x: -2, y: -2, width: 3, height: 3), with: Cell("#"))
        #expect(frame.text == "#")
        #expect(frame[-1, -1] == .blank)
    }

    @Test("text starting left of a clip rectangle shows only its visible part")
    func clipsOnTheLeft() {
        var frame = Frame(size: Size(width: 6, height: 1))
        frame.put("abcdef", at: Point(x: 0, y: 0), clip: Rect(x: 2, y: 0, width: 2, height: 1))
        #expect(frame.text == "  cd")
    }

    @Test("truncation ends with the ellipsis only when something was cut")
    func truncation() {
        #expect(Frame.truncate("short", to: 10, ellipsis: "…") == "short")
        #expect(Frame.truncate("a longer text", to: 8, ellipsis: "…") == "a longe…")
        #expect(Frame.truncate("a longer text", to: 8, ellipsis: "...") == "a lon...")
        #expect(Frame.truncate("abc", to: 2, ellipsis: "...") == "ab")
        #expect(Frame.truncate("abc", to: 0, ellipsis: "…") == "")
    }

    @Test("a box draws its four corners and edges in the chosen glyphs")
    func box() {
        var frame = Frame(size: Size(width: 4, height: 3))
        frame.box(Rect(size: frame.size), glyphs: .ascii)
        #expect(frame.text == "+--+\n|  |\n+--+")
    }

    @Test("restyling keeps characters and changes only the style")
    func restyle() {
        var frame = Frame(size: Size(width: 3, height: 1))
        frame.put("abc", at: Point(x: 0, y: 0))
        frame.restyle(Rect(x: 1, y: 0, width: 1, height: 1), .reverse)
        #expect(frame[1, 0] == Cell("b", style: .reverse))
        #expect(frame[0, 0].style == .plain)
    }
}

@Suite("Text wrapping")
struct TextWrapTests {
    @Test("words wrap at the width and never exceed it")
    func wraps() {
        let lines = TextWrap.lines("the quick brown fox jumps over the lazy dog", width: 10)
        #expect(lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
        #expect(lines.allSatisfy { $0.count <= 10 })
    }

    @Test("explicit line breaks and blank lines are kept")
    func keepsBreaks() {
        #expect(TextWrap.lines("one\n\ntwo", width: 10) == ["one", "", "two"])
    }

    @Test("a word longer than the width is split across lines")
    func splitsLongWords() {
        #expect(TextWrap.lines("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
    }

    @Test("a zero width gives no lines rather than looping")
    func zeroWidth() {
        #expect(TextWrap.lines("anything", width: 0).isEmpty)
    }
}
