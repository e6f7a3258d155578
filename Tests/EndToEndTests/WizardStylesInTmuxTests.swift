// Styles as a real terminal shows them (tmux capture-pane -e): the chosen row and the title stand
// out in reverse video, marks have colours, and NO_COLOR removes every colour but keeps reverse
// video and bold, so nothing that matters is carried by colour alone.
import Foundation
import Testing
import TestSupport

@Suite("Wizard styles in a real terminal", .serialized, .onOwnThread)
struct WizardStylesInTmuxTests {
    /// The SGR parameters in effect for each visible character of a `capture-pane -e` line,
    /// reduced to what the test asks about.
    struct StyledLine {
        var text = ""
        var reverse: [Bool] = []
        var coloured: [Bool] = []
    }

    /// Reads `capture-pane -e` output: tmux writes each line with the SGR sequences that change the
    /// style before a character (resetting with 0 or an empty list).
    static func parse(_ captured: String) -> [StyledLine] {
        captured.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var styled = StyledLine()
            var reverse = false
            var foreground = false
            var background = false
            var characters = Array(line)[...]
            while let first = characters.first {
                if first == "\u{1B}", characters.dropFirst().first == "[" {
                    let rest = characters.dropFirst(2)
                    guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
                    if rest[end] == "m" {
                        let numbers = String(rest[rest.startIndex..<end]).split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                        var index = 0
                        while index < numbers.count {
                            let code = numbers[index]
                            switch code {
                            case 0: reverse = false; foreground = false; background = false
                            case 7: reverse = true
                            case 27: reverse = false
                            case 30...37, 90...97: foreground = true
                            case 39: foreground = false
                            case 40...47, 100...107: background = true
                            case 49: background = false
                            case 38, 48:
                                // 38;5;N or 38;2;R;G;B: an extended colour.
                                if code == 38 { foreground = true } else { background = true }
                                index += numbers.count > index + 1 && numbers[index + 1] == 2 ? 4 : 2
                            default: break
                            }
                            index += 1
                        }
                    }
                    characters = rest[rest.index(after: end)...]
                    continue
                }
                styled.text.append(first)
                styled.reverse.append(reverse)
                styled.coloured.append(foreground || background)
                characters = characters.dropFirst()
            }
            return styled
        }
    }

    /// Runs the wizard with `environment` until the scan of this machine has finished, and returns
    /// the styled screen.
    private func scannedScreen(environment: String) throws -> (welcome: [StyledLine], scan: [StyledLine]) {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type("\(environment) \(binary)")
        try tmux.waitFor(text: "What would you like to do?")
        let welcome = Self.parse(try tmux.tmux(["capture-pane", "-p", "-e"]).output)
        try tmux.press("1")
        try tmux.waitFor("the scan to finish", timeout: .seconds(60)) { $0.contains("Scan complete") }
        let scan = Self.parse(try tmux.tmux(["capture-pane", "-p", "-e"]).output)
        try tmux.press("q")
        try tmux.waitFor(text: "Quit Onramp?")
        try tmux.press("y")
        try tmux.expectUsableShell()
        return (welcome, scan)
    }

    /// True when every visible (non-space) character of the line's `needle` range has the property.
    private func all(_ line: StyledLine, _ needle: String, _ property: KeyPath<StyledLine, [Bool]>) -> Bool {
        guard let range = line.text.range(of: needle) else { return false }
        let start = line.text.distance(from: line.text.startIndex, to: range.lowerBound)
        let values = line[keyPath: property]
        return (start..<start + needle.count).allSatisfy { $0 < values.count && values[$0] }
    }

    @Test("in colour: the chosen row and the title bar are in reverse video, scan marks are coloured")
    func colour() throws {
        // swift test sets NO_COLOR=1 for the test process, and the tmux server inherits it.
        let (welcome, scan) = try scannedScreen(environment: "env -u NO_COLOR TERM=xterm-256color LANG=C.UTF-8")
        let chosen = try #require(welcome.first { $0.text.contains("1. Set up") })
        #expect(all(chosen, "1. Set up", \.reverse), "the chosen row is not in reverse video")
        let other = try #require(welcome.first { $0.text.contains("2. Troubleshoot") })
        #expect(!other.reverse.contains(true), "a row that is not chosen is in reverse video")
        #expect(all(welcome[0], "Onramp", \.reverse), "the title bar is not in reverse video")
        let processor = try #require(scan.first { $0.text.contains("✓ 1. Processor") })
        #expect(all(processor, "✓", \.coloured), "the ✓ mark has no colour")
    }

    @Test("with NO_COLOR: no colour anywhere, the chosen row and title still in reverse video")
    func noColour() throws {
        let (welcome, scan) = try scannedScreen(environment: "NO_COLOR=1 TERM=xterm-256color LANG=C.UTF-8")
        for line in welcome + scan { #expect(!line.coloured.contains(true), "coloured: \(line.text)") }
        let chosen = try #require(welcome.first { $0.text.contains("1. Set up") })
        #expect(all(chosen, "1. Set up", \.reverse), "the chosen row is not in reverse video")
        #expect(all(welcome[0], "Onramp", \.reverse), "the title bar is not in reverse video")
        #expect(scan.contains { $0.text.contains("✓ 1. Processor") })
    }
}
