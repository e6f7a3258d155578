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

    /// What can be chosen here: the three journeys, and continuing an earlier Set up when one was saved.
    enum Choice: Equatable {
        case journey(Journey)
        case resume(SavedSetup)
    }

    /// `--yes` sets up.
    var autoAnswer: AutoAnswer? { .key(.character("1")) }
    var accepting: String? { "1, \(Journey.setUp.title) (\(Journey.setUp.promise))" }

    static func choices(_ context: ScreenContext) -> [Choice] {
        let journeys = Journey.allCases.map(Choice.journey)
        guard let saved = context.models?.savedSetup else { return journeys }
        return journeys + [.resume(saved)]
    }

    static func screen(for choice: Choice, _ context: ScreenContext) -> Screen {
        switch choice {
        case .journey(let journey):
            return context.flow.firstScreen(of: journey)
        case .resume(let saved):
            return context.flow.screen(for: saved.resumeStep(version: context.version), in: .setUp, answers: saved.answers)
        }
    }

    static func item(_ choice: Choice, version: String) -> SelectionList.Item {
        switch choice {
        case .journey(let journey):
            return SelectionList.Item(journey.title, detail: journey.promise)
        case .resume(let saved):
            let model = saved.answers.choice?.model.name ?? "your model"
            return SelectionList.Item("Continue setting up", detail: "\(model): \(saved.resumeStep(version: version).title)")
        }
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        guard case .key(let key) = input else { return (.stay(screen), []) }
        let choices = Self.choices(context)
        switch key {
        case .escape:
            return (.back, [])
        case .enter:
            return (.open(Self.screen(for: choices[min(max(0, selected), choices.count - 1)], context)), [])
        case .character(let c):
            if let number = c.wholeNumberValue, (1...choices.count).contains(number) {
                return (.open(Self.screen(for: choices[number - 1], context)), [])
            }
            return (.stay(screen), [])
        default:
            let moved = SelectionList.moved(selected, by: key, count: choices.count, page: choices.count)
            return (.stay(.welcome(selected: moved)), [])
        }
    }

    func view(_ view: ViewContext, _ context: ScreenContext) -> Frame {
        let glyphs = view.glyphs
        let chrome = ScreenChrome(title: title.text, detail: nil, keys: keys(context, glyphs: glyphs))
        var (frame, body) = chrome.frame(view)
        var y = body.y
        y += Paragraph(Self.introduction).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y))
        y += 1
        y += Paragraph(Self.promise, style: .bold).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y))
        y += 1
        let question = context.models?.savedSetup == nil
            ? "What would you like to do?"
            : "What would you like to do? Last time Set up stopped part way; \(Self.choices(context).count) continues it."
        y += Paragraph(question).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)) - 1
        y += 1
        let items = Self.choices(context).map { Self.item($0, version: context.version) }
        let list = SelectionList(items, selected: view.lineMode ? nil : selected)
        list.draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y), glyphs: glyphs)
        return frame
    }

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        let count = Self.choices(context).count
        return ScreenKeys(
            [.init(glyphs.upDown, "Move"), .init("Enter/1-\(count)", "Choose")],
            typed: "Type 1-\(count) and Enter to choose, ? for help, q to quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        This is the start of Onramp. Choose what you want to do:

        Set up: scan this computer, fix problems, pick a model that fits, download it and test it.
        Troubleshoot: scan this computer and look for what stops a local model from working.
        Make a diagnostics report: a file with the findings, personal details removed, to attach to a forum post or bug report.
        Continue setting up (when an earlier Set up stopped part way): back to the step it reached, with the model it chose; a download continues from what had arrived.
        """
    }
}
