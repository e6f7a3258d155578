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

    /// Many times, because the thread is named while it starts: a new thread that outran its
    /// creator once kept the creator's name (a shared pool thread's).
    @Test("a job that arrives after the executor finished still runs, on a new thread with the executor's name")
    func jobAfterFinish() async {
        var names: [String?] = []
        for _ in 0..<3000 {
            let executor = ThreadExecutor(name: "late")
            executor.finish()
            names.append(await Task(executorPreference: executor) { threadName() }.value)
        }
        #expect(names.allSatisfy { $0 == "late" }, "\(Set(names.map { $0 ?? "nil" }))")
    }
}

/// The name of the thread this runs on (a synchronous function: `Thread.current` is not offered to
/// asynchronous code, which may move between threads).
private func threadName() -> String? { Thread.current.name }


@Suite("Where the trait is used")
struct OwnThreadUseTests {
    /// The repository's Tests folder, from this file's place in it.
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    @Test("no test file combines .onOwnThread with a .timeLimit, which would also time the wait for a place")
    func noTimeLimits() throws {
        let files = try #require(FileManager.default.enumerator(at: Self.tests, includingPropertiesForKeys: nil))
        var both: [String] = []
        var using = 0
        for case let file as URL in files where file.pathExtension == "swift" && file.lastPathComponent != "OwnThreadTests.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard text.contains(".onOwnThread") else { continue }
            using += 1
            if text.contains(".timeLimit(") { both.append(file.lastPathComponent) }
        }
        #expect(using > 10, "the scan found the suites that use the trait")
        #expect(both.isEmpty, "\(both)")
    }
}
