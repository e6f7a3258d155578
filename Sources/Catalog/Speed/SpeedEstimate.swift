// A machine's speed worked out from its facts when nothing was timed on it (a replayed profile):
// the engine's kernel path from the CPU's instruction sets, reference per-thread throughput of
// that path, and memory bandwidth from the core count with a ceiling for the kind of machine.
// Rough by nature (clock speeds and memory channels are not in the facts), and labelled so.

import Probe

public enum SpeedEstimate {
    /// Single-thread throughput of each kernel path (operations per second on Q4_K weights, one
    /// token), as `onramp recommend` measures it with ONRAMP_KERNELS forcing each path on the
    /// reference machine (an Intel Xeon with AVX-VNNI; see docs/architecture.md, "Catalog").
    static let referenceFlopsPerThread: [String: Double] = [
        "avx-vnni": 44e9,
        "avx2": 43e9,
        "portable": 4e9,
    ]

    /// What one core streams from memory, and the most a whole machine of that kind reaches:
    /// dual-channel DDR4-3200 is 51.2 GB/s on paper (DDR5 desktops more); a Raspberry Pi 5's
    /// 32-bit LPDDR4X-4267 is 17 GB/s on paper, about half of it in practice.
    static let x86BandwidthPerCore = 8e9
    static let x86BandwidthCeiling = 50e9
    static let armBandwidthPerCore = 3e9
    static let armBandwidthCeiling = 9e9

    /// The path Onramp's engine would choose on a CPU with these features (CPUSupport's rule).
    public static func kernelPath(for cpu: CPUFacts) -> String {
        guard cpu.architecture == nil || cpu.architecture == "x86_64" else { return "portable" }
        if cpu.has(.avxvnni) == true, cpu.has(.avx2) == true { return "avx-vnni" }
        if cpu.has(.avx2) == true, cpu.has(.fma) == true, cpu.has(.f16c) == true { return "avx2" }
        return "portable"
    }

    /// Threads the engine would use: physical cores, within a container's CPU quota.
    public static func threads(for facts: MachineFacts) -> Int {
        var cores = facts.cpu.physicalCores ?? facts.cpu.logicalCores ?? 1
        if case .limited(let quota)? = facts.memory.cgroup?.cpuLimitCores {
            cores = min(cores, max(1, Int(quota.rounded(.down))))
        }
        return max(1, cores)
    }

    public static func estimate(for facts: MachineFacts) -> MachineSpeed {
        let path = kernelPath(for: facts.cpu)
        let threads = threads(for: facts)
        let perThread = referenceFlopsPerThread[path] ?? referenceFlopsPerThread["portable"]!
        let isARM = facts.cpu.architecture == "aarch64" || facts.cpu.architecture == "arm64"
        let bandwidth = isARM
            ? min(armBandwidthPerCore * Double(threads), armBandwidthCeiling)
            : min(x86BandwidthPerCore * Double(threads), x86BandwidthCeiling)
        return MachineSpeed(
            memoryBandwidth: bandwidth, generationFlops: perThread * Double(threads), threads: threads, kernelPath: path,
            origin: .estimated,
            note: "estimated from the processor's facts (\(threads) cores, \(path) kernels); not measured on this machine")
    }
}
