// A terminal made of memory for tests: scripted keys and sizes in, every drawn frame out.

import Synchronization

/// Unchecked Sendable so a test can hand it to the loop's own thread and read it once the loop has
/// returned; it is never used from two threads at once.
public final class InMemoryTerminal: Terminal, @unchecked Sendable {
    public private(set) var size: Size
    public let traits: DisplayTraits
    public private(set) var frames: [Frame] = []
    public private(set) var restored = false
    /// What work run through `handOver` wrote, in order (the terminal is not suspended here).
    public var handedOverText: String { transcript.text.withLock { $0 } }
    private let transcript = Transcript()
    private final class Transcript: Sendable { let text = Mutex("") }
    private var script: [TerminalInput]

    public init(size: Size, traits: DisplayTraits = DisplayTraits(glyphs: .unicode, color: true), script: [TerminalInput]) {
        self.size = size
        self.traits = traits
        self.script = script
    }

    public var lastFrame: Frame? { frames.last }

    public func draw(_ frame: Frame) {
        frames.append(frame)
    }

    public func nextInput(wakeDescriptor: Int32, workPending: Bool) -> TerminalInput {
        guard !script.isEmpty else { return .closed }
        let input = script.removeFirst()
        if case .resized(let newSize) = input { size = newSize }
        return input
    }

    public func restore() {
        restored = true
    }

    public func handOver(_ work: (_ write: @escaping @Sendable (String) -> Void) -> Void) {
        let transcript = self.transcript
        work { text in transcript.text.withLock { $0 += text } }
    }
}
