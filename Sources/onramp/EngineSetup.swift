// What the engine runs with on this machine, decided here so the engine reads no files and no
// environment itself: the thread count from Probe's CPU facts (or --threads), the kernel path
// from ONRAMP_KERNELS (an unknown or unsupported name is ignored, never trusted).

import Engine
import Foundation
import Probe

enum EngineSetup {
    /// `requested` (from --threads) when given, otherwise one thread per physical core.
    static func threads(requested: Int?) -> Int {
        if let requested { return requested }
        let cpu = Prober(source: LiveSystem()).gather([.cpu]).cpu
        return ThreadCount.forMachine(
            physicalCores: cpu.physicalCores, logicalCores: cpu.logicalCores,
            usableCPUs: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The fastest kernels this CPU supports, unless ONRAMP_KERNELS names other supported ones.
    static var kernels: KernelPath {
        KernelPath.choose(supported: KernelPath.supported, requested: ProcessInfo.processInfo.environment["ONRAMP_KERNELS"])
    }
}
