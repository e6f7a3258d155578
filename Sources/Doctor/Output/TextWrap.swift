// Word-wraps prose for terminal output so explanations stay readable at 80 columns.

enum TextWrap {
    /// Splits `text` into lines of at most `width` characters, breaking at spaces; a longer word keeps its own line.
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
