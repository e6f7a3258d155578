// ONRAMP_TRACE_FIRST_FRAME=1 reports how long start-up took until the first screen was drawn.
import Foundation
import Synchronization

final class FirstFrameTrace: Sendable {
    private let started: ContinuousClock.Instant
    private let firstFrame = Mutex<ContinuousClock.Instant?>(nil)

    private init(started: ContinuousClock.Instant) {
        self.started = started
    }

    /// The clock starts when this is called, at the top of `run`; process start-up before `main`
    /// (loading the executable and its libraries) is not included.
    static func fromEnvironment() -> FirstFrameTrace? {
        guard let value = ProcessInfo.processInfo.environment["ONRAMP_TRACE_FIRST_FRAME"], !value.isEmpty else {
            return nil
        }
        return FirstFrameTrace(started: .now)
    }

    func markFirstFrame() {
        firstFrame.withLock { $0 = $0 ?? .now }
    }

    /// Printed after the terminal is restored: writing to stderr mid-screen would scroll it.
    func printReport() {
        guard let drawn = firstFrame.withLock({ $0 }) else { return }
        let elapsed = drawn - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        FileHandle.standardError.write(Data("onramp: first frame after \(String(format: "%.1f", milliseconds)) ms\n".utf8))
    }
}
