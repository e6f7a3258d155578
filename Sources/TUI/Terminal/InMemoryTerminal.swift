// A terminal made of memory for tests: scripted keys and sizes in, every drawn frame out.

/// Unchecked Sendable so a test can hand it to the loop's own thread and read it once the loop has
/// returned; it is never used from two threads at once.
public final class InMemoryTerminal: Terminal, @unchecked Sendable {
    public private(set) var size: Size
    public let traits: DisplayTraits
    public private(set) var frames: [Frame] = []
    public private(set) var restored = false
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
}
