// What the engine runs with on this machine, decided here so the engine reads no files and no
// environment itself: the thread count from Probe's CPU facts (or --threads), the kernel path
// from ONRAMP_KERNELS (an unknown or unsupported name is ignored, never trusted), never one that
// `onramp selftest` found wrong on this machine.

import Engine
import Foundation
import LiveMachine
import Probe
import SelfTest

enum EngineSetup {
    /// `requested` (from --threads) when given, otherwise one thread per physical core.
    static func threads(requested: Int?) -> Int {
        if let requested { return requested }
        let cpu = Prober(source: LiveSystem()).gather([.cpu]).cpu
        return ThreadCount.forMachine(
            physicalCores: cpu.physicalCores, logicalCores: cpu.logicalCores,
            usableCPUs: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The fastest kernels this CPU supports and the self-test has not switched off, unless
    /// ONRAMP_KERNELS names other such ones.
    static var kernels: KernelPath {
        let usable: [KernelPath]
        do {
            let disabled = try DisabledKernelPaths.load(from: DisabledKernelPaths.file()).disabled
            usable = KernelPath.supported.filter { !disabled.contains($0) }
        } catch {
            // A list we cannot read might name a path known to be wrong: stay on the safe one.
            StandardError.write("onramp: warning: \(error) Until then Onramp uses its portable kernels: slower, but always correct.\n")
            return .portable
        }
        return KernelPath.choose(
            supported: usable.isEmpty ? [.portable] : usable, requested: ProcessInfo.processInfo.environment["ONRAMP_KERNELS"])
    }
}
