// How many physical cores this machine has: matrix products scale with cores, not with
// hyper-threads, so the worker pool is sized from the CPU topology rather than the CPU count.
import Foundation

public enum PhysicalCores {
    /// Physical cores usable by this process: distinct (package, core) pairs among the online
    /// CPUs, capped by the CPUs the scheduler lets us use; at least 1.
    public static func count() -> Int {
        let usable = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let topology = readSysfsTopology() ?? readCpuinfoTopology()
        guard let topology, !topology.isEmpty else { return usable }
        return max(1, min(distinctCores(topology), usable))
    }

    /// One (physical package id, core id) pair per logical CPU.
    public struct LogicalCPU: Hashable, Sendable {
        public var package: Int
        public var core: Int
        public init(package: Int, core: Int) {
            self.package = package
            self.core = core
        }
    }

    public static func distinctCores(_ cpus: [LogicalCPU]) -> Int {
        Set(cpus).count
    }

    /// Parses /proc/cpuinfo text: each processor block has "physical id" and "core id".
    /// Blocks without them (some VMs, ARM) count as their own core.
    public static func parseCpuinfo(_ text: String) -> [LogicalCPU] {
        var result: [LogicalCPU] = []
        for (index, block) in text.components(separatedBy: "\n\n").enumerated() {
            var package: Int?
            var core: Int?
            var isProcessor = false
            for line in block.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let key = parts[0].trimmingCharacters(in: .whitespaces)
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                switch key {
                case "processor": isProcessor = true
                case "physical id": package = Int(value)
                case "core id": core = Int(value)
                default: break
                }
            }
            guard isProcessor else { continue }
            if let package, let core {
                result.append(LogicalCPU(package: package, core: core))
            } else {
                result.append(LogicalCPU(package: -1, core: index))
            }
        }
        return result
    }

    /// Parses a CPU list such as "0-3,8,10-11" (the format of /sys/devices/system/cpu/online).
    public static func parseCPUList(_ text: String) -> [Int] {
        var cpus: [Int] = []
        for item in text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",") {
            let bounds = item.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 1 {
                cpus.append(bounds[0])
            } else if bounds.count == 2, bounds[0] <= bounds[1], bounds[1] - bounds[0] < 65536 {
                cpus.append(contentsOf: bounds[0]...bounds[1])
            }
        }
        return cpus
    }

    private static func readSysfsTopology() -> [LogicalCPU]? {
        let base = "/sys/devices/system/cpu"
        guard let online = try? String(contentsOfFile: base + "/online", encoding: .utf8) else { return nil }
        var result: [LogicalCPU] = []
        for cpu in parseCPUList(online) {
            let dir = "\(base)/cpu\(cpu)/topology"
            guard let package = readInt(dir + "/physical_package_id"), let core = readInt(dir + "/core_id") else {
                return nil
            }
            result.append(LogicalCPU(package: package, core: core))
        }
        return result
    }

    private static func readCpuinfoTopology() -> [LogicalCPU]? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        return parseCpuinfo(text)
    }

    private static func readInt(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
