// How much memory the machine has, how much is free, and what a container's cgroup allows.

public struct MemoryFacts: Codable, Sendable, Equatable {
    public var totalBytes: UInt64?
    public var availableBytes: UInt64?
    public var swapTotalBytes: UInt64?
    public var swapFreeBytes: UInt64?
    /// Limits of the cgroup this process runs in; nil when cgroups could not be read.
    public var cgroup: CgroupFacts?

    public init(
        totalBytes: UInt64? = nil, availableBytes: UInt64? = nil, swapTotalBytes: UInt64? = nil,
        swapFreeBytes: UInt64? = nil, cgroup: CgroupFacts? = nil
    ) {
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
        self.swapTotalBytes = swapTotalBytes
        self.swapFreeBytes = swapFreeBytes
        self.cgroup = cgroup
    }

    /// The memory this process can really use: the smaller of the machine's and the cgroup's.
    public var usableBytes: UInt64? {
        guard let total = totalBytes else { return nil }
        if case .limited(let limit)? = cgroup?.memoryLimit { return min(total, limit) }
        return total
    }
}

public struct CgroupFacts: Codable, Sendable, Equatable {
    /// 1 or 2.
    public var version: Int?
    /// The cgroup path from `/proc/self/cgroup`.
    public var path: String?
    /// nil: could not read it.
    public var memoryLimit: Limit<UInt64>?
    /// CPU quota in cores (quota / period); nil: could not read it.
    public var cpuLimitCores: Limit<Double>?

    public init(
        version: Int? = nil, path: String? = nil, memoryLimit: Limit<UInt64>? = nil,
        cpuLimitCores: Limit<Double>? = nil
    ) {
        self.version = version
        self.path = path
        self.memoryLimit = memoryLimit
        self.cpuLimitCores = cpuLimitCores
    }
}

/// A resource limit that may be absent; encodes as the number, or the string "unlimited".
public enum Limit<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    case unlimited
    case limited(Value)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), text == "unlimited" {
            self = .unlimited
        } else {
            self = .limited(try container.decode(Value.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .unlimited: try container.encode("unlimited")
        case .limited(let value): try container.encode(value)
        }
    }

    public var value: Value? {
        if case .limited(let value) = self { return value }
        return nil
    }
}
