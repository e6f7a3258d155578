// A fixed set of worker threads that split one job (the rows of a matrix product) between
// them. A token needs hundreds of small products, so dispatch must cost microseconds: workers
// spin briefly on an atomic generation counter before they fall asleep on a condition variable.
import Foundation
import Synchronization

/// Sendable because its one stored property is immutable and `SharedState` is safe to share.
public final class WorkerPool: @unchecked Sendable {
    /// Threads that work on each job, the calling thread included.
    public var threadCount: Int { shared.threadCount }

    // The workers hold the shared state, not the pool, so dropping the pool stops them.
    private let shared: SharedState

    /// Creates a pool with `threads` threads in all (the caller counts as one); see
    /// `ThreadCount.forMachine` for the usual choice.
    public init(threads: Int) {
        shared = SharedState(threadCount: max(1, threads))
        for index in 1..<shared.threadCount {
            let thread = Thread { [shared] in shared.workerLoop(thread: index) }
            thread.name = "onramp-worker-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit { shared.stop() }

    /// Runs `body(task)` for every task in 0..<tasks, spread over the pool's threads, and
    /// returns when all have finished. Which thread runs a task never changes its result, so
    /// callers that give each task its own output rows get identical results for any pool size.
    public func run(tasks: Int, _ body: (Int) -> Void) {
        shared.run(tasks: tasks) { task, _ in body(task) }
    }

    /// Like `run(tasks:)`, and also tells the body which thread runs it (0..<threadCount), so
    /// each thread can use its own scratch memory.
    func runWithThreadIndex(tasks: Int, _ body: (_ task: Int, _ thread: Int) -> Void) {
        shared.run(tasks: tasks, body)
    }

    /// Splits `count` items into contiguous ranges of about `grain` items and runs them.
    public func run(over count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let grain = max(1, grain)
        let chunks = (count + grain - 1) / grain
        run(tasks: chunks) { chunk in
            let start = chunk * grain
            body(start..<min(count, start + grain))
        }
    }
}

/// Sendable (and shared by every worker thread) because each field is an atomic, a lock, or a
/// plain field whose hand-off is ordered by the atomics: see `job`.
private final class SharedState: @unchecked Sendable {
    let threadCount: Int

    private let generation = Atomic<Int>(0)
    private let nextTask = Atomic<Int>(0)
    private let busyWorkers = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let wake = NSCondition()
    private let submitLock = NSLock()

    // Written by the submitting thread before the generation is bumped (release) and read by
    // workers after they observe the bump (acquire); cleared only when every worker is done.
    private var job: ((Int, Int) -> Void)?
    private var taskCount = 0

    /// How long an idle worker spins before it sleeps; spinning keeps the next dispatch cheap.
    private static let spinIterations = 20_000

    init(threadCount: Int) {
        self.threadCount = threadCount
    }

    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        generation.add(1, ordering: .sequentiallyConsistent)
        wake.lock()
        wake.broadcast()
        wake.unlock()
    }

    func run(tasks: Int, _ body: (Int, Int) -> Void) {
        guard tasks > 0 else { return }
        if threadCount == 1 || tasks == 1 {
            for task in 0..<tasks { body(task, 0) }
            return
        }
        submitLock.lock()
        defer { submitLock.unlock() }
        withoutActuallyEscaping(body) { body in
            job = body
            taskCount = tasks
            nextTask.store(0, ordering: .relaxed)
            busyWorkers.store(threadCount - 1, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wake.lock()
                wake.broadcast()
                wake.unlock()
            }
            claimTasks(body, count: tasks, thread: 0)
            var spins = 0
            while busyWorkers.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins > 1000 { sched_yield() }
            }
            job = nil
        }
    }

    private func claimTasks(_ body: (Int, Int) -> Void, count: Int, thread: Int) {
        while true {
            let task = nextTask.add(1, ordering: .relaxed).oldValue
            if task >= count { return }
            body(task, thread)
        }
    }

    func workerLoop(thread: Int) {
        var seen = 0
        while true {
            seen = waitForGeneration(after: seen)
            if stopping.load(ordering: .acquiring) { return }
            if let job { claimTasks(job, count: taskCount, thread: thread) }
            busyWorkers.subtract(1, ordering: .releasing)
        }
    }

    private func waitForGeneration(after seen: Int) -> Int {
        for _ in 0..<Self.spinIterations {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
        }
        sleepers.add(1, ordering: .sequentiallyConsistent)
        wake.lock()
        var current = generation.load(ordering: .sequentiallyConsistent)
        while current == seen {
            wake.wait()
            current = generation.load(ordering: .sequentiallyConsistent)
        }
        wake.unlock()
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        return current
    }
}
