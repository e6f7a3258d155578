// Checks that Markdown will render as meant on GitHub: <details> blocks open and close in order,
// each with its <summary> and a blank line before Markdown content, and code fences close.

enum MarkdownShape {
    static func problems(_ markdown: String) -> [String] {
        var problems: [String] = []
        var depth = 0
        var fence: String?
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (number, line) in lines.enumerated() {
            if let open = fence {
                if line == open { fence = nil }
                continue
            }
            if line.hasPrefix("```") {
                fence = String(line.prefix { $0 == "`" })
                continue
            }
            if line == "<details>" {
                depth += 1
                if number + 2 >= lines.count || !lines[number + 1].hasPrefix("<summary>") || !lines[number + 1].hasSuffix("</summary>") || lines[number + 2] != "" {
                    problems.append("line \(number + 1): <details> without its <summary> line and a blank line")
                }
            } else if line == "</details>" {
                depth -= 1
                if depth < 0 { problems.append("line \(number + 1): </details> closes nothing") }
            } else if line.contains("<details") || line.contains("</details") {
                problems.append("line \(number + 1): a details tag not on a line of its own")
            }
        }
        if depth > 0 { problems.append("\(depth) <details> never closed") }
        if fence != nil { problems.append("a code fence never closed") }
        return problems
    }
}
