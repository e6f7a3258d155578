// The worker pool runs every task exactly once, for any pool size, and the default thread count
// follows the physical cores the caller reports.

import Foundation
import Synchronization
import Testing
@testable import Engine

@Suite("Threads")
struct ThreadsTests {
    @Test("every task runs exactly once, for pools of 1 to 4 threads", arguments: [1, 2, 3, 4])
    func everyTaskOnce(threads: Int) {
        let pool = WorkerPool(threads: threads)
        #expect(pool.threadCount == threads)
        for tasks in [1, 2, 7, 100] {
            var counts = [Int](repeating: 0, count: tasks)
            counts.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                pool.run(tasks: tasks) { task in base[task] += 1 }
            }
            #expect(counts == [Int](repeating: 1, count: tasks))
        }
    }

    @Test("ten thousand small dispatches in a row all complete")
    func manyDispatches() {
        let pool = WorkerPool(threads: 3)
        let total = Atomic<Int>(0)
        for _ in 0..<10_000 {
            pool.run(tasks: 4) { _ in total.add(1, ordering: .relaxed) }
        }
        #expect(total.load(ordering: .relaxed) == 40_000)
    }

    @Test("ranges cover 0..<count without gaps or overlaps")
    func ranges() {
        let pool = WorkerPool(threads: 2)
        var covered = [Int](repeating: 0, count: 1000)
        covered.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            pool.run(over: 1000, grain: 64) { range in
                for i in range { base[i] += 1 }
            }
        }
        #expect(covered.allSatisfy { $0 == 1 })
    }

    @Test("a pool that is dropped lets its threads go: their thread ids leave /proc/self/task")
    func dropped() throws {
        var workers = Set<Int32>()
        for _ in 0..<5 {
            let pool = WorkerPool(threads: 3)
            workers.formUnion(try workerThreadIDs(of: pool))
        }
        #expect(workers.count == 10)
        // The pools are gone; a worker notices within its sleep and returns. Other tests run in
        // this process meanwhile, so look for these threads by id rather than count all threads.
        var alive = workers
        for _ in 0..<500 where !alive.isEmpty {
            alive = alive.filter { FileManager.default.fileExists(atPath: "/proc/self/task/\($0)") }
            if !alive.isEmpty { usleep(10_000) }
        }
        #expect(alive.isEmpty, "worker threads \(alive.sorted()) still run 5 s after their pool was dropped")
    }

    /// The kernel's id of the calling thread: /proc/thread-self links to "PID/task/TID".
    private func currentThreadID() -> Int32 {
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
        return Int32(link.split(separator: "/").last ?? "") ?? -1
    }

    /// The kernel thread ids of a pool's workers (thread index 1 and up; 0 is the caller), found by
    /// running tasks until every worker has taken one.
    private func workerThreadIDs(of pool: WorkerPool) throws -> Set<Int32> {
        let seen = Mutex<[Int: Int32]>([:])
        for _ in 0..<1000 where seen.withLock({ $0.count }) < pool.threadCount {
            pool.runWithThreadIndex(tasks: 16) { _, thread in
                let id = currentThreadID()
                seen.withLock { $0[thread] = id }
                usleep(200)
            }
        }
        let byIndex = seen.withLock { $0 }
        try #require(byIndex.count == pool.threadCount, "only threads \(byIndex.keys.sorted()) took a task")
        #expect(byIndex[0] == currentThreadID())
        return Set(byIndex.filter { $0.key != 0 }.values)
    }

    @Test("the default thread count is one per physical core, capped by the CPUs this process may use")
    func defaultThreadCount() {
        #expect(ThreadCount.forMachine(physicalCores: 8, logicalCores: 16, usableCPUs: 16) == 8)
        #expect(ThreadCount.forMachine(physicalCores: 8, logicalCores: 16, usableCPUs: 3) == 3)
        #expect(ThreadCount.forMachine(physicalCores: nil, logicalCores: 4, usableCPUs: 16) == 4)
        #expect(ThreadCount.forMachine(physicalCores: nil, logicalCores: nil, usableCPUs: 6) == 6)
        #expect(ThreadCount.forMachine(physicalCores: 0, logicalCores: nil, usableCPUs: 0) == 1)
    }
}
