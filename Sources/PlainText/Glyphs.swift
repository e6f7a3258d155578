// The characters that draw borders, marks and bars: Unicode where the terminal can show it, ASCII otherwise.
// One set for the wizard's screens and the doctor's text report, so both draw a terminal the same way.

public struct Glyphs: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Marks for a finding that passed, needs attention, or failed.
    public var ok: String
    public var warning: String
    public var failure: String
    /// A step that has not run yet, and one that is running.
    public var pending: String
    public var running: String
    /// Looked for and found nothing (no graphics card): neither a pass nor a failure.
    public var absent: String
    public var barFilled: Character
    public var barEmpty: Character
    public var pointer: String
    public var ellipsis: String
    public var moreAbove: String
    public var moreBelow: String
    public var times: String
    public var separator: String
    public var upDown: String
    /// Marks of a plain-text report (`onramp doctor`): in front of an area's line, and of one finding.
    public var areaMarks: StatusMarks
    public var findingMarks: StatusMarks

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        ok: "✓", warning: "!", failure: "✗", pending: "·", running: "…", absent: "–",
        barFilled: "█", barEmpty: "░", pointer: "›", ellipsis: "…",
        moreAbove: "↑ more", moreBelow: "↓ more", times: "×", separator: " · ", upDown: "↑↓",
        areaMarks: StatusMarks(ok: "[✓]", info: "[✓]", warning: "[!]", failure: "[✗]"),
        findingMarks: StatusMarks(ok: "✓", info: "•", warning: "!", failure: "✗")
    )

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ok: "[ok]", warning: "[!!]", failure: "[XX]", pending: "[  ]", running: "[..]", absent: "[--]",
        barFilled: "#", barEmpty: "-", pointer: ">", ellipsis: "...",
        moreAbove: "^ more", moreBelow: "v more", times: "x", separator: " | ", upDown: "Up/Down",
        areaMarks: StatusMarks(ok: "[ok]", info: "[ok]", warning: "[!!]", failure: "[XX]"),
        findingMarks: StatusMarks(ok: "+", info: "-", warning: "!", failure: "X")
    )

    /// Width of the widest mark, so rows of a checklist line up whatever their status.
    public var markWidth: Int {
        [ok, warning, failure, pending, running, absent].map(\.count).max() ?? 1
    }
}

/// One mark per verdict: fine, for information, worth fixing, broken.
public struct StatusMarks: Hashable, Sendable {
    public var ok: String
    public var info: String
    public var warning: String
    public var failure: String

    public init(ok: String, info: String, warning: String, failure: String) {
        self.ok = ok
        self.info = info
        self.warning = warning
        self.failure = failure
    }
}
