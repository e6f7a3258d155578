// Times how fast all threads together read a buffer much larger than any cache: the ceiling on
// generation speed, since every token reads every weight. Takes a few tenths of a second.

import Foundation

public enum MemoryBandwidthProbe {
    /// Bytes per second, the median of `passes` timed reads of `bytes` split over `threads`: the
    /// median, not the best, because `onramp bench` reports medians and a busy machine's best
    /// moment overstates what a whole answer gets.
    public static func measure(threads: Int, bytes: Int = 256 << 20, passes: Int = 5) -> Double {
        let threads = max(1, threads)
        let words = bytes / MemoryLayout<UInt64>.stride
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        defer { buffer.deallocate() }
        // Touch every page first, so the timed passes measure reading, not the kernel handing out pages.
        for i in stride(from: 0, to: words, by: 512) { buffer[i] = UInt64(i) }
        for i in 0..<words where i % 512 != 0 { buffer[i] = 1 }
        let address = UInt(bitPattern: buffer)
        let checksum = Checksum()
        var times: [Double] = []
        for _ in 0..<max(1, passes) {
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: threads) { part in
                let base = UnsafePointer<UInt64>(bitPattern: address)!
                let chunk = words / threads
                let lower = part * chunk
                let upper = part == threads - 1 ? words : lower + chunk
                var sum: UInt64 = 0
                for i in lower..<upper { sum &+= base[i] }
                checksum.add(sum)
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        checksum.use()
        let median = times.sorted()[times.count / 2]
        return Double(words * MemoryLayout<UInt64>.stride) / median
    }

    /// Keeps the sums alive so the optimiser cannot drop the reads.
    private final class Checksum: @unchecked Sendable {
        private let lock = NSLock()
        private var total: UInt64 = 0
        func add(_ value: UInt64) {
            lock.lock()
            total &+= value
            lock.unlock()
        }
        func use() {
            if total == 42 { FileHandle.standardError.write(Data()) }
        }
    }
}
