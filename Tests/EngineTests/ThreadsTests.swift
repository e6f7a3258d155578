// The worker pool runs every task exactly once, for any pool size, and the default thread count
// follows the physical cores the caller reports.

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

    @Test("a pool that is dropped lets its threads go")
    func dropped() {
        for _ in 0..<20 {
            let pool = WorkerPool(threads: 2)
            pool.run(tasks: 2) { _ in }
        }
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
