// `.onOwnThread`: a suite trait for tests that hold their thread for long (a model's forward pass,
// a shader run on lavapipe, waiting for a child process). Swift Testing runs every test on Swift's
// shared pool, which has one thread per core: two such tests on a 2-core machine left no thread
// for the tests that wait on a loopback server or a terminal, whose downloads then timed out and
// were retried (CI failed on request counts after minutes without a thread). Under this trait a
// test first waits, without holding a thread, for one of `HeavyTestGate`'s places, then runs on a
// thread of its own, so the shared pool stays free and long tests still run at most one per core.
// The wait for a place counts towards a test's `.timeLimit` (Swift Testing times the whole test),
// so a suite whose tests have one should not use this trait (OwnThreadTests checks that none does).

import Foundation
import Testing

public struct OnOwnThread: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// Only test cases: the suite itself needs no thread.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> OnOwnThread? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        await HeavyTestGate.shared.enter()
        let executor = ThreadExecutor(name: ThreadExecutor.testThreadName)
        var failure: (any Error)?
        do {
            try await withTaskExecutorPreference(executor) { try await function() }
        } catch {
            failure = error
        }
        executor.finish()
        await HeavyTestGate.shared.leave()
        if let failure { throw failure }
    }
}

extension Trait where Self == OnOwnThread {
    /// Runs each test of the suite on a thread of its own, at most one such test per core at once.
    public static var onOwnThread: OnOwnThread { OnOwnThread() }
}

/// How many `.onOwnThread` tests run at once: one per core, as the shared pool allowed before.
actor HeavyTestGate {
    static let shared = HeavyTestGate(places: max(1, ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(places: Int) { free = places }

    func enter() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the place straight to the first waiter, if any.
    func leave() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// A task executor that runs its jobs one after another on one thread of its own. The thread ends
/// once `finish()` was called and no job is left; a job that comes later (a task that outlived its
/// test) starts a new thread rather than being lost.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let name: String
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []  // guarded by `condition`
    private var finished = false
    private var threadRunning = false

    /// What the threads of `.onOwnThread` tests are called (Linux keeps at most 15 bytes).
    static let testThreadName = "own-test-thread"

    init(name: String) { self.name = name }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        let start = !threadRunning
        threadRunning = true
        condition.signal()
        condition.unlock()
        if start { startThread() }
    }

    func finish() {
        condition.lock()
        finished = true
        condition.signal()
        condition.unlock()
    }

    private func startThread() {
        // Linux starts a thread with its creator's name (here a pool thread's), and Foundation's
        // `name` setter renames it only once `start()` has stored the thread's handle, which the
        // new thread can outrun (CI once saw a test here under the pool's name). So the thread
        // names itself after `start()` returned.
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            started.wait()
            Thread.current.name = name
            runJobs()
        }
        thread.stackSize = 8 << 20  // as the main thread's: some tests recurse deeply in debug builds
        thread.start()
        started.signal()
    }

    private func runJobs() {
        while true {
            condition.lock()
            while jobs.isEmpty, !finished { condition.wait() }
            guard !jobs.isEmpty else {
                threadRunning = false
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
