// `.onOwnThread` really moves a test off Swift's shared pool, and its gate lets only as many
// tests through as it has places.

import Foundation
import Synchronization
import Testing
@testable import TestSupport

@Suite("A suite on threads of its own", .onOwnThread)
struct OwnThreadTests {
    @Test("a synchronous test runs on its own named thread")
    func synchronousBody() {
        #expect(threadName() == ThreadExecutor.testThreadName)
    }

    @Test("an asynchronous test resumes on its own thread after awaiting")
    func asynchronousBody() async throws {
        try await Task.sleep(for: .milliseconds(10))
        #expect(threadName() == ThreadExecutor.testThreadName)
    }
}

@Suite("The gate of long tests")
struct HeavyTestGateTests {
    @Test("with one place, a second test waits until the first leaves")
    func onePlace() async throws {
        let gate = HeavyTestGate(places: 1)
        await gate.enter()
        let entered = Mutex(false)
        let second = Task {
            await gate.enter()
            entered.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(!entered.withLock { $0 }, "the second test entered while the place was taken")
        await gate.leave()
        await second.value
        #expect(entered.withLock { $0 })
    }

    @Test("a job that arrives after the executor finished still runs, on a new thread")
    func jobAfterFinish() async {
        let executor = ThreadExecutor(name: "late")
        executor.finish()
        let name = await Task(executorPreference: executor) { threadName() }.value
        #expect(name == "late")
    }
}

/// The name of the thread this runs on (a synchronous function: `Thread.current` is not offered to
/// asynchronous code, which may move between threads).
private func threadName() -> String? { Thread.current.name }

