// Shown for a step this version cannot do yet: says so, says nothing was done, offers the way back.
import TUI

struct UnavailableStepScreen: ScreenProgram {
    static func notice(for step: Step, version: String) -> String {
        "\(step.purpose)\n\nThis step is not available yet in this version of Onramp (\(version)). "
            + "Nothing was checked, installed or changed." + (insteadNow[step].map { "\n\nUntil it is: \($0)" } ?? "")
    }

    /// What to do instead for a step that is not built yet, with the commands that exist.
    static let insteadNow: [Step: String] = [
        .reportPreview: "onramp doctor -v shows every finding, and onramp probe --capture DIR saves this computer's "
            + "details (names and addresses replaced) to attach to a bug report.",
    ]

    var step: Step
    var journey: Journey

    var screen: Screen { .unavailable(step, in: journey) }
    var autoAnswer: AutoAnswer? { .fail }
    var title: (text: String, detail: String?) { Self.stepTitle(step, journey) }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        guard case .key(let key) = input else { return (.stay(screen), []) }
        return (key == .enter || key == .escape ? .back : .stay(screen), [])
    }

    func view(_ view: ViewContext, _ context: ScreenContext) -> Frame {
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(context, glyphs: view.glyphs))
        var (frame, body) = chrome.frame(view)
        let used = Paragraph(Self.notice(for: step, version: context.version)).draw(into: &frame, in: body)
        let way = view.lineMode ? "Type b to go back." : "Press Esc or Enter to go back."
        Paragraph(way, style: .bold).draw(into: &frame, in: Rect(x: body.x, y: body.y + used + 1, width: body.width, height: 2))
        return frame
    }

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        ScreenKeys([.init("Esc", "Back")], typed: "Type b to go back, ? for help, q to quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(step.title)".

        \(step.purpose)

        This version of Onramp cannot do this step yet, so nothing was done. Go back to choose something else, or quit.
        """
    }
}
