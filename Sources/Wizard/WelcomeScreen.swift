// The first screen: what Onramp will do, the promise to ask first, and the three ways on.
import TUI

enum WelcomeScreen {
    static let introduction = """
        Onramp gets an AI model running on this computer and proves that it works: it checks \
        the machine, suggests a model that fits, downloads it and tests it. Setting up takes \
        about 10 to 30 minutes, most of it downloading.
        """
    static let promise = "Nothing is installed, changed or sent anywhere without asking you first."

    static func update(selected: Int, key: Key) -> Navigation {
        let journeys = Journey.allCases
        switch key {
        case .enter:
            return .open(Flow.firstScreen(of: journeys[min(max(0, selected), journeys.count - 1)]))
        case .character(let c):
            if let number = c.wholeNumberValue, (1...journeys.count).contains(number) {
                return .open(Flow.firstScreen(of: journeys[number - 1]))
            }
            return .stay(.welcome(selected: selected))
        default:
            let moved = SelectionList.moved(selected, by: key, count: journeys.count, page: journeys.count)
            return .stay(.welcome(selected: moved))
        }
    }

    static func view(selected: Int, context: ViewContext) -> Frame {
        let glyphs = context.glyphs
        let chrome = ScreenChrome(
            title: Screen.welcome(selected: selected).title.text,
            detail: nil,
            hints: [
                .init(glyphs.upDown, "Move"), .init("Enter", "Choose"), .init("?", "Help"), .init("q", "Quit"),
            ],
            typedHint: "Type 1-\(Journey.allCases.count) and Enter to choose, ? for help, q to quit."
        )
        var (frame, body) = chrome.frame(context)
        var y = body.y
        y += Paragraph(introduction).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y))
        y += 1
        y += Paragraph(promise, style: .bold).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y))
        y += 1
        frame.put("What would you like to do?", at: Point(x: body.x, y: y))
        y += 1
        let items = Journey.allCases.map { SelectionList.Item($0.title, detail: $0.promise) }
        let list = SelectionList(items, selected: context.lineMode ? nil : selected)
        list.draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y), glyphs: glyphs)
        return frame
    }
}
