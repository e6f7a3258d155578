// How a cell looks: a tone (mapped to a colour only when colours are allowed) plus text attributes.

/// A meaning rather than a colour, so NO_COLOR and monochrome terminals keep every distinction
/// that matters through the marks and words next to it.
public enum Tone: Hashable, Sendable, CaseIterable {
    case normal, accent, good, warning, bad
}

public struct Style: Hashable, Sendable {
    public var tone: Tone
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(tone: Tone = .normal, bold: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.tone = tone
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let reverse = Style(reverse: true)
    public static let dim = Style(dim: true)
    public static let accent = Style(tone: .accent, bold: true)

    public static func tone(_ tone: Tone) -> Style { Style(tone: tone) }
}
