// The worker pool runs every task exactly once, for any pool size, and the core count is read
// from the CPU topology.

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

    @Test("cores are counted from /proc/cpuinfo as distinct package and core ids")
    func cpuinfo() {
        let text = """
            processor\t: 0
            physical id\t: 0
            core id\t\t: 0

            processor\t: 1
            physical id\t: 0
            core id\t\t: 0

            processor\t: 2
            physical id\t: 0
            core id\t\t: 1

            processor\t: 3
            physical id\t: 1
            core id\t\t: 0
            """
        #expect(PhysicalCores.distinctCores(PhysicalCores.parseCpuinfo(text)) == 3)
        #expect(PhysicalCores.parseCpuinfo("processor : 0\n\nprocessor : 1\n").count == 2)
    }

    @Test("CPU lists such as 0-3,8 are expanded")
    func cpuList() {
        #expect(PhysicalCores.parseCPUList("0-3,8,10-11\n") == [0, 1, 2, 3, 8, 10, 11])
        #expect(PhysicalCores.parseCPUList("garbage").isEmpty)
        #expect(PhysicalCores.count() >= 1)
    }
}
