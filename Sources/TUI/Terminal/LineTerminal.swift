// Line mode for dumb terminals, pipes and --plain: each new screen is printed as text, and answers
// are typed lines (a number, ? for help, b for back, q to quit) turned into the same key events.
#if canImport(Glibc)
import Glibc
#endif

public final class LineTerminal: Terminal {
    public let size: Size
    public let traits: DisplayTraits
    private let input: Int32
    private let output: Int32
    private var buffered: [UInt8] = []
    private var queuedKeys: [Key] = []
    private var inputEnded = false
    private var lastPrinted: String?
    private var promptShown = false
    /// The typed line whose keys were handed out last, until the next line is read.
    private var answeredLine: String?
    /// Whether anything was printed since that line was read: if not, the line did nothing.
    private var printedSinceLine = false

    public init(traits: DisplayTraits, width: Int = 80, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.traits = traits
        self.size = Size(width: max(60, min(width, 100)), height: 24)
        self.input = input
        self.output = output
    }

    public func draw(_ frame: Frame) {
        let page = Self.page(frame)
        guard page != lastPrinted else { return }
        if let text = Self.printable(page, after: lastPrinted) {
            FileDescriptors.write(text, to: output)
            promptShown = false
            printedSinceLine = true
        }
        lastPrinted = page
    }

    /// What to print for `page`: all of it, after a blank line, when it is a new screen (its
    /// first line differs); otherwise only the lines from the first one that changed, so a screen
    /// that grows (a scan adding areas) reads as a log instead of repeating itself.
    /// Nil when nothing new is left to print.
    public static func printable(_ page: String, after previous: String?) -> String? {
        guard let previous else { return page + "\n" }
        let old = previous.split(separator: "\n", omittingEmptySubsequences: false)
        let new = page.split(separator: "\n", omittingEmptySubsequences: false)
        guard old.first == new.first else { return "\n" + page + "\n" }
        let same = zip(old, new).prefix { $0 == $1 }.count
        guard same < new.count else { return nil }
        return new[same...].joined(separator: "\n") + "\n"
    }

    public func nextInput(wakeDescriptor: Int32, workPending: Bool) -> TerminalInput {
        while true {
            if !queuedKeys.isEmpty { return .key(queuedKeys.removeFirst()) }
            // A line that changed nothing is answered, so typing a wrong word is never met with silence.
            if let line = answeredLine {
                answeredLine = nil
                if !printedSinceLine, !workPending {
                    FileDescriptors.write(Self.unanswered(line, page: lastPrinted) + "\n", to: output)
                    promptShown = false
                }
            }
            if let line = takeLine() {
                queuedKeys = Self.keys(forLine: line)
                answeredLine = line
                printedSinceLine = false
                continue
            }
            if inputEnded { return .closed }
            // While work is still reporting, a prompt would end up in the middle of its output.
            if !promptShown, !workPending {
                FileDescriptors.write("> ", to: output)
                promptShown = true
            }
            let ready = FileDescriptors.waitForInput([input, wakeDescriptor])
            if ready.contains(wakeDescriptor) { return .woken }
            if ready.contains(input) { readAvailable() }
        }
    }

    public func restore() {}

    /// Line mode already shares the terminal: the work prints in place, and the next page follows.
    public func handOver(_ work: (_ write: @escaping @Sendable (String) -> Void) -> Void) {
        let output = self.output
        FileDescriptors.write("\n", to: output)
        work { FileDescriptors.write($0, to: output) }
        lastPrinted = nil
        promptShown = false
    }

    private func readAvailable() {
        var chunk = [UInt8](repeating: 0, count: 1024)
        let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
        if count > 0 {
            buffered += chunk.prefix(count)
        } else if count == 0 || errno != EINTR {
            inputEnded = true
        }
    }

    /// The next complete line; at end of input, whatever is left counts as a line.
    private func takeLine() -> String? {
        if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
            let line = buffered[..<newline]
            buffered.removeSubrange(...newline)
            return String(decoding: line, as: UTF8.self)
        }
        guard inputEnded, !buffered.isEmpty else { return nil }
        defer { buffered.removeAll() }
        return String(decoding: buffered, as: UTF8.self)
    }

    /// What a typed line means as keys: words for the keys line mode cannot press, otherwise its characters.
    public static func keys(forLine line: String) -> [Key] {
        let word = line.trimmingWhitespace().lowercased()
        switch word {
        case "": return [.enter]
        case "?", "h", "help": return [.character("?")]
        case "b", "back": return [.escape]
        case "q", "quit", "exit": return [.character("q")]
        case "y", "yes": return [.character("y")]
        case "n", "no": return [.character("n")]
        default:
            // A number past 9 cannot be one key press: it picks its line of the list the way the
            // arrows do (first line, down to it, Enter). Single digits stay keys, chosen directly.
            if word.count > 1, word.allSatisfy(\.isASCII), let number = Int(word), number >= 10, number <= 999 {
                return [.home] + Array(repeating: .down, count: number - 1) + [.enter]
            }
            return word.map { .character($0) }
        }
    }

    /// What to say when a typed line did nothing: that it did nothing here, and what the page
    /// says can be typed (its last line, where screens put that).
    public static func unanswered(_ line: String, page: String?) -> String {
        let typed = line.trimmingWhitespace()
        let what = typed.isEmpty ? "Enter alone" : "\"\(typed)\""
        let hint = page?.split(separator: "\n").last.map { String($0).trimmingWhitespace() } ?? ""
        return "\(what) does nothing here." + (hint.isEmpty ? "" : " " + hint)
    }

    /// A frame as printed text: trailing blanks gone and runs of empty rows folded into one.
    static func page(_ frame: Frame) -> String {
        var lines: [String] = []
        for line in frame.text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(String(line))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
              let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}
