// Progress for long work, on standard error and only when it is a terminal: a pipe or a log
// file gets neither carriage returns nor lines that would mix with the results.
import Foundation
import Synchronization

enum TerminalProgress {
    static var isShown: Bool { isatty(STDERR_FILENO) == 1 }

    /// Runs `work`; when it is still running after `delay`, says "`label`…" and, once it ends,
    /// how long it took. Quick work prints nothing.
    static func whileSlow<T>(_ label: String, after delay: Duration = .seconds(1), _ work: () throws -> T) throws -> T {
        guard isShown else { return try work() }
        let notice = SlowWorkNotice(label: label)
        let started = ContinuousClock.now
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { notice.show() }
        defer { notice.finish(after: ContinuousClock.now - started) }
        return try work()
    }

    /// Rewrites the current terminal line with `text` (nothing when stderr is not a terminal).
    static func status(_ text: String) {
        guard isShown else { return }
        StandardError.write("\r\u{1B}[K" + text)
    }

    /// Clears the line `status` wrote, so the results start on a clean line.
    static func clearStatus() {
        guard isShown else { return }
        StandardError.write("\r\u{1B}[K")
    }
}

/// The "Reading MODEL…" line of one piece of slow work; shown at most once, and finished only
/// if it was shown.
private final class SlowWorkNotice: Sendable {
    private enum Phase { case waiting, shown, finished }
    private let phase = Mutex(Phase.waiting)
    private let label: String

    init(label: String) {
        self.label = label
    }

    /// Writes while holding the lock, so "done" can never come before the label.
    func show() {
        phase.withLock { phase in
            guard phase == .waiting else { return }
            phase = .shown
            StandardError.write(label + "…")
        }
    }

    func finish(after elapsed: Duration) {
        phase.withLock { phase in
            if phase == .shown {
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                StandardError.write(String(format: " done in %.1f s\n", seconds))
            }
            phase = .finished
        }
    }
}
