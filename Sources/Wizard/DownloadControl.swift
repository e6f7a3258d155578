// The handle of one running download, so a key on the Download screen can stop it. The screen's
// state holds it; stopping happens in a command (the run loop performs it), never in `update`.
import Synchronization

public final class DownloadControl: Sendable, Equatable {
    private let state = Mutex<(task: Task<Void, Never>?, cancelled: Bool)>((nil, false))

    public init() {}

    /// Runs `work` as a task this control can cancel; waits for it to end.
    func run(_ work: @escaping @Sendable () async -> Void) async {
        let task = Task { await work() }
        let cancelledAlready = state.withLock { value in
            value.task = task
            return value.cancelled
        }
        if cancelledAlready { task.cancel() }
        await task.value
    }

    /// Stops the download: the task is cancelled, and the partial file stays for a resume.
    func cancel() {
        let task = state.withLock { value in
            value.cancelled = true
            return value.task
        }
        task?.cancel()
    }

    /// Two states hold the same download when they hold the same control.
    public static func == (lhs: DownloadControl, rhs: DownloadControl) -> Bool { lhs === rhs }
}
