// Understands cgroup v1 and v2 files: which cgroup we are in, and its memory and CPU limits.

import Foundation

enum CgroupReader {
    /// Limits at or above this are the kernel's way of writing "no limit" in cgroup v1.
    static let unlimitedThreshold: UInt64 = 1 << 60

    struct Membership: Equatable {
        var version: Int
        var memoryPath: String?
        var cpuPath: String?
        var cpuFolder: String?
    }

    /// Reads /proc/self/cgroup; v2 when the unified line is the only one that names controllers.
    static func membership(_ text: String, unifiedMounted: Bool) -> Membership? {
        var memory: String?
        var cpu: String?
        var cpuFolder: String?
        var unified: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let controllers = parts[1].split(separator: ",").map(String.init)
            let path = String(parts[2])
            if parts[0] == "0" && controllers.isEmpty { unified = path }
            if controllers.contains("memory") { memory = path }
            if controllers.contains("cpu") {
                cpu = path
                cpuFolder = parts[1].isEmpty ? nil : String(parts[1])
            }
        }
        if memory == nil && cpu == nil, let unified, unifiedMounted {
            return Membership(version: 2, memoryPath: unified, cpuPath: unified)
        }
        guard memory != nil || cpu != nil else { return nil }
        return Membership(version: 1, memoryPath: memory, cpuPath: cpu, cpuFolder: cpuFolder)
    }

    /// `memory.max` (v2) or `memory.limit_in_bytes` (v1).
    static func memoryLimit(_ text: String) -> Limit<UInt64>? {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if value == "max" { return .unlimited }
        guard let bytes = UInt64(value) else { return nil }
        return bytes >= unlimitedThreshold ? .unlimited : .limited(bytes)
    }

    /// `cpu.max` (v2): "quota period" or "max period".
    static func cpuLimitV2(_ text: String) -> Limit<Double>? {
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let period = Double(fields[1]), period > 0 else { return nil }
        if fields[0] == "max" { return .unlimited }
        return Double(fields[0]).map { .limited($0 / period) }
    }

    /// `cpu.cfs_quota_us` and `cpu.cfs_period_us` (v1); a quota of -1 means none.
    static func cpuLimitV1(quota: String, period: String) -> Limit<Double>? {
        guard let quota = Int64(quota.trimmingCharacters(in: .whitespacesAndNewlines)),
              let period = Double(period.trimmingCharacters(in: .whitespacesAndNewlines)), period > 0 else { return nil }
        return quota < 0 ? .unlimited : .limited(Double(quota) / period)
    }
}
