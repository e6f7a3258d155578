// Shown for a step this version cannot do yet: says so, says nothing was done, offers the way back.
import TUI

enum UnavailableStepScreen {
    static func notice(for step: Step, version: String) -> String {
        "\(step.purpose)\n\nThis step is not available yet in this version of Onramp (\(version)). "
            + "Nothing was checked, installed or changed."
    }

    static func update(step: Step, journey: Journey, key: Key) -> Navigation {
        key == .enter ? .back : .stay(.unavailable(step, in: journey))
    }

    static func view(step: Step, journey: Journey, version: String, context: ViewContext) -> Frame {
        let screen = Screen.unavailable(step, in: journey)
        let chrome = ScreenChrome(
            title: screen.title.text,
            detail: screen.title.detail,
            hints: [.init("Esc", "Back"), .init("?", "Help"), .init("q", "Quit")],
            typedHint: "Type b to go back, ? for help, q to quit."
        )
        var (frame, body) = chrome.frame(context)
        let used = Paragraph(notice(for: step, version: version)).draw(into: &frame, in: body)
        let way = context.lineMode ? "Type b to go back to the start." : "Press Esc or Enter to go back."
        Paragraph(way, style: .bold).draw(into: &frame, in: Rect(x: body.x, y: body.y + used + 1, width: body.width, height: 2))
        return frame
    }
}
