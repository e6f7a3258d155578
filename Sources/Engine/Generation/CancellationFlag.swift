// A flag another thread (a Ctrl-C handler) raises to stop the answer being generated; the
// generation loop checks it between tokens.

import Synchronization

public final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    public func raise() { raised.store(true, ordering: .releasing) }
    public func reset() { raised.store(false, ordering: .releasing) }
    var isRaised: Bool { raised.load(ordering: .acquiring) }
}
