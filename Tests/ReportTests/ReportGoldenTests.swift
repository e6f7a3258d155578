// The Markdown of two machines, compared with reviewed files; ONRAMP_UPDATE_GOLDEN=1
// (scripts/update-report-golden) rewrites them.

import Foundation
import Testing
@testable import Report

@Suite("Report goldens")
struct ReportGoldenTests {
    static let machines = [
        ReportFixtures.root + "/profiles/desktop-rtx3060-ubuntu2204",
        ReportFixtures.root + "/profiles/nvidia-driver-library-mismatch",
        ReportFixtures.planted,
    ]

    @Test("the Markdown report equals its golden file", arguments: machines)
    func markdown(_ folder: String) throws {
        let made = try ReportFixtures.make(folder)
        let path = ReportFixtures.golden + "/" + URL(fileURLWithPath: folder).lastPathComponent + ".md"
        if ProcessInfo.processInfo.environment["ONRAMP_UPDATE_GOLDEN"] == "1" {
            try made.markdown.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let golden = try #require(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) },
                                  "no golden at \(path): run scripts/update-report-golden")
        #expect(made.markdown == golden, "run scripts/update-report-golden and review the diff")
        #expect(MarkdownShape.problems(golden).isEmpty)
    }

    @Test("the shape check catches unbalanced folds and open fences")
    func shapeCheckCanFail() {
        #expect(!MarkdownShape.problems("<details>\n<summary>x</summary>\n\ntext\n").isEmpty)
        #expect(!MarkdownShape.problems("</details>\n").isEmpty)
        #expect(!MarkdownShape.problems("```text\nopen\n").isEmpty)
        #expect(!MarkdownShape.problems("<details>\n<summary>x</summary>\ntext\n</details>\n").isEmpty)
        #expect(MarkdownShape.problems("<details>\n<summary>x</summary>\n\n```\n</details>\n```\n\n</details>\n").isEmpty)
    }

    @Test("text is escaped so placeholders show and nothing starts a link, a table cell or emphasis")
    func escaping() {
        var redaction = ReportRedaction(.init())
        let text = redaction.machine("<user> | *x* [a](b) _y_ avx512_vnni `c` ` d")
        #expect(ReportMarkdown.escape(text) == "&lt;user&gt; \\| \\*x\\* \\[a\\](b) \\_y\\_ avx512_vnni \\`c\\` \\` d")
        let prose = redaction.prose("run `onramp run <home>/m.gguf | less` then *wait*")
        #expect(ReportMarkdown.escape(prose) == "run `onramp run <home>/m.gguf \\| less` then \\*wait\\*")
        #expect(ReportMarkdown.codeBlock("a\n```\nb").first == "````text")
    }
}
