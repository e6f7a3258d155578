// The probe as a stream of area updates, for the wizard's Scan screen: each area arrives as it
// completes. The probe blocks on files and programs, so it runs on its own thread, never on the
// cooperative pool that draws the screen.

import Foundation

public struct ScanUpdate: Sendable {
    public var area: ProbeArea
    /// Facts gathered so far (areas not yet reached are empty).
    public var facts: MachineFacts
    /// Areas done, including this one.
    public var completed: Int
    public var total: Int { ProbeArea.allCases.count }
    public var isFinished: Bool { completed == total }
}

extension Prober {
    public func scan() -> AsyncStream<ScanUpdate> {
        AsyncStream { continuation in
            let prober = self
            let thread = Thread {
                var completed = 0
                _ = prober.gather { area, facts in
                    completed += 1
                    continuation.yield(ScanUpdate(area: area, facts: facts, completed: completed))
                }
                continuation.finish()
            }
            thread.name = "onramp-probe"
            thread.start()
        }
    }
}
