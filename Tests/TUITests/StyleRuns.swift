// A frame's styles as text for golden files: each run of same-styled cells that is not plain, so
// focus, highlight, disabled rows and tones are reviewed in the diff like the characters are.
import TUI

enum StyleRuns {
    static let heading = "--- styles: row, columns, style (plain cells not listed) ---"

    static func describe(_ frame: Frame) -> String {
        var runs: [String] = []
        for y in 0..<frame.size.height {
            let row = frame.row(y)
            var start = 0
            while start < row.count {
                let style = row[start].style
                var end = start + 1
                while end < row.count, row[end].style == style { end += 1 }
                if style != .plain { runs.append("row \(y), \(start)-\(end - 1): \(name(style))") }
                start = end
            }
        }
        return ([heading] + (runs.isEmpty ? ["(none)"] : runs)).joined(separator: "\n")
    }

    static func name(_ style: Style) -> String {
        var words = style.tone == .normal ? [] : ["\(style.tone)"]
        if style.bold { words.append("bold") }
        if style.reverse { words.append("reverse") }
        if style.dim { words.append("dim") }
        return words.joined(separator: " ")
    }
}
