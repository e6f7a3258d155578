// How much memory a model may take on this machine: what is free now (MemAvailable, not
// MemTotal), within a container's cgroup limit, less headroom so the desktop and the browser keep
// working (a third of a container's limit: see `containerHeadroom`). Swap does not count: a model
// whose weights are paged out answers a word a minute.

import Probe

public struct MemoryBudget: Codable, Sendable, Equatable {
    /// What the model may use: `availableBytes` less `headroomBytes`.
    public let usableBytes: Int64
    /// Free memory now, or the cgroup limit when that is smaller.
    public let availableBytes: Int64
    /// Kept free for everything else.
    public let headroomBytes: Int64
    /// True when a container's memory limit, smaller than the machine's memory, applies.
    public let limitedByCgroup: Bool
    /// Swap space that exists but is not counted.
    public let swapBytes: Int64

    public init(availableBytes: Int64, headroomBytes: Int64, limitedByCgroup: Bool, swapBytes: Int64) {
        self.availableBytes = availableBytes
        self.headroomBytes = headroomBytes
        self.usableBytes = max(0, availableBytes - headroomBytes)
        self.limitedByCgroup = limitedByCgroup
        self.swapBytes = swapBytes
    }

    /// nil when the probe could not read free memory at all.
    public static func from(_ memory: MemoryFacts) -> MemoryBudget? {
        guard let free = memory.availableBytes ?? memory.totalBytes else { return nil }
        var available = Int64(clamping: free)
        var size = Int64(clamping: memory.totalBytes ?? free)
        var limited = false
        if case .limited(let limit)? = memory.cgroup?.memoryLimit, Int64(clamping: limit) < size {
            size = Int64(clamping: limit)
            available = min(available, size)
            limited = true
        }
        return MemoryBudget(
            availableBytes: available, headroomBytes: limited ? containerHeadroom(forLimit: size) : headroom(forMemoryOf: size),
            limitedByCgroup: limited, swapBytes: Int64(clamping: memory.swapTotalBytes ?? 0))
    }

    /// A third of a container's limit: the limit covers every process in the container, the files
    /// it has in memory and a memory-backed /tmp, and the kernel starts taking pages back from the
    /// model (memory.high) before the limit itself is reached.
    public static func containerHeadroom(forLimit bytes: Int64) -> Int64 {
        bytes / 3
    }

    /// A tenth of the memory (of the container, when it is limited), between 256 MiB and 2 GiB:
    /// enough for a browser tab or two to grow while a model answers.
    public static func headroom(forMemoryOf bytes: Int64) -> Int64 {
        min(max(bytes / 10, 256 << 20), 2 << 30)
    }
}
