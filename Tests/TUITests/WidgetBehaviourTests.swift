// What widgets compute, beyond how they look: scrolling, selection moves, formatted quantities.
import Testing
import TUI

@Suite("Widget behaviour")
struct WidgetBehaviourTests {
    @Test("a list scrolls just enough to keep the selection visible")
    func listScroll() {
        let items = (0..<10).map { SelectionList.Item("item \($0)") }
        #expect(SelectionList(items, selected: 0).firstVisible(height: 4) == 0)
        #expect(SelectionList(items, selected: 3).firstVisible(height: 4) == 0)
        #expect(SelectionList(items, selected: 4).firstVisible(height: 4) == 1)
        #expect(SelectionList(items, selected: 9).firstVisible(height: 4) == 6)
        #expect(SelectionList(items, selected: 99).selected == 9)
    }

    @Test("moving the selection stops at both ends")
    func listMoves() {
        #expect(SelectionList.moved(0, by: .up, count: 3, page: 2) == 0)
        #expect(SelectionList.moved(2, by: .down, count: 3, page: 2) == 2)
        #expect(SelectionList.moved(0, by: .pageDown, count: 10, page: 4) == 4)
        #expect(SelectionList.moved(5, by: .home, count: 10, page: 4) == 0)
        #expect(SelectionList.moved(5, by: .end, count: 10, page: 4) == 9)
        #expect(SelectionList.moved(5, by: .character("x"), count: 10, page: 4) == 5)
        #expect(SelectionList.moved(0, by: .down, count: 0, page: 4) == 0)
    }

    @Test("the text viewer scrolls within the text and no further")
    func viewerScroll() {
        #expect(TextViewer.scrolled(0, by: .up, lineCount: 40, page: 10) == 0)
        #expect(TextViewer.scrolled(0, by: .pageDown, lineCount: 40, page: 10) == 9)
        #expect(TextViewer.scrolled(29, by: .down, lineCount: 40, page: 10) == 30)
        #expect(TextViewer.scrolled(30, by: .down, lineCount: 40, page: 10) == 30)
        #expect(TextViewer.scrolled(12, by: .end, lineCount: 40, page: 10) == 30)
        #expect(TextViewer.scrolled(3, by: .down, lineCount: 5, page: 10) == 0)
    }

    @Test("rates and durations read the way people say them")
    func quantities() {
        #expect(Quantities.rate(bytesPerSecond: 12_300_000) == "12.3 MB/s")
        #expect(Quantities.rate(bytesPerSecond: .nan) == "?")
        #expect(Quantities.duration(seconds: 42.2) == "43 s")
        #expect(Quantities.duration(seconds: 130) == "2 min 10 s")
        #expect(Quantities.duration(seconds: 1500) == "25 min")
        #expect(Quantities.duration(seconds: 3900) == "1 h 5 min")
        #expect(Quantities.duration(seconds: .infinity) == "?")
    }

    @Test("progress knows its fraction and time left only when it can")
    func progress() {
        let bar = ProgressBar(done: 500, total: 1000, bytesPerSecond: 100)
        #expect(bar.fraction == 0.5)
        #expect(bar.secondsLeft == 5)
        #expect(ProgressBar(done: 500, total: nil, bytesPerSecond: 100).fraction == nil)
        #expect(ProgressBar(done: 5, total: 1000, bytesPerSecond: nil).secondsLeft == nil)
        #expect(ProgressBar(done: 2000, total: 1000).fraction == 1)
        #expect(ProgressBar(done: 500, total: 1000).summary(glyphs: .ascii) == "500 bytes of 1.0 kB | estimating time left")
    }
}
