// Word wrapping for paragraphs, help text and the text viewer: pure, on Characters, one column each.

public enum TextWrap {
    /// Breaks `text` into lines of at most `width` columns. Line breaks in the text start new lines,
    /// blank lines are kept, and a word longer than the width is split rather than overflowing a
    /// frame; printed text (`splittingLongWords: false`) keeps it whole on a line of its own, so a
    /// long URL or path still copies in one piece.
    public static func lines(_ text: String, width: Int, splittingLongWords: Bool = true) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            result.append(contentsOf: wrapParagraph(paragraph, width: width, splittingLongWords: splittingLongWords))
        }
        return result
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int, splittingLongWords: Bool) -> [String] {
        let words = paragraph.split(separator: " ", omittingEmptySubsequences: true)
        guard !words.isEmpty else { return [""] }
        var lines: [String] = []
        var current = ""
        for word in words {
            var word = Substring(word)
            if current.isEmpty == false, current.count + 1 + word.count <= width {
                current += " " + word
                continue
            }
            if !current.isEmpty {
                lines.append(current)
                current = ""
            }
            while splittingLongWords, word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            current = String(word)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
