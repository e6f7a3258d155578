// The first screen: what Onramp will do, the promise to ask first, and the three ways on.
import TUI

struct WelcomeScreen: ScreenProgram {
    static let introduction = """
        Onramp gets an AI model running on this computer and proves that it works: it checks \
        the machine, suggests a model that fits, downloads it and tests it. Setting up takes \
        about 10 to 30 minutes, most of it downloading.
        """
    static let promise = "Nothing is installed, changed or sent anywhere without asking you first."

    var selected: Int

    var screen: Screen { .welcome(selected: selected) }
    var title: (text: String, detail: String?) { ("Onramp: run AI on this computer", nil) }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        guard case .key(let key) = input else { return (.stay(screen), []) }
        let journeys = Journey.allCases
        switch key {
        case .escape:
            return (.back, [])
        case .enter:
            return (.open(context.flow.firstScreen(of: journeys[min(max(0, selected), journeys.count - 1)])), [])
        case .character(let c):
            if let number = c.wholeNumberValue, (1...journeys.count).contains(number) {
                return (.open(context.flow.firstScreen(of: journeys[number - 1])), [])
            }
            return (.stay(screen), [])
        default:
            let moved = SelectionList.moved(selected, by: key, count: journeys.count, page: journeys.count)
            return (.stay(.welcome(selected: moved)), [])
        }
    }

    func view(_ view: ViewContext, _ context: ScreenContext) -> Frame {
        let glyphs = view.glyphs
        let chrome = ScreenChrome(
            title: title.text,
            detail: nil,
            hints: [
                .init(glyphs.upDown, "Move"), .init("Enter", "Choose"), .init("?", "Help"), .init("q", "Quit"),
            ],
            typedHint: "Type 1-\(Journey.allCases.count) and Enter to choose, ? for help, q to quit."
        )
        var (frame, body) = chrome.frame(view)
        var y = body.y
        y += Paragraph(Self.introduction).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y))
        y += 1
        y += Paragraph(Self.promise, style: .bold).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y))
        y += 1
        frame.put("What would you like to do?", at: Point(x: body.x, y: y))
        y += 1
        let items = Journey.allCases.map { SelectionList.Item($0.title, detail: $0.promise) }
        let list = SelectionList(items, selected: view.lineMode ? nil : selected)
        list.draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y), glyphs: glyphs)
        return frame
    }

    func help(glyphs: Glyphs) -> String {
        """
        This is the start of Onramp. Choose what you want to do:

        Set up: scan this computer, fix problems, pick a model that fits, download it and test it.
        Troubleshoot: scan this computer and look for what stops a local model from working.
        Make a diagnostics report: a file with the findings, personal details removed, to attach to a forum post or bug report.
        """
    }
}
