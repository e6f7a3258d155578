// Questions many checks ask of the facts, answered once so the checks read like their rules.

import Probe

extension MachineFacts {
    func gpus(_ vendor: GPUVendor) -> [GPUFacts] { gpus.filter { $0.vendor == vendor } }

    /// In a container the GPU is on the host: fixes there differ from fixes here.
    var inContainer: Bool { environment.container != nil }

    var inWSL: Bool { environment.wsl != nil }

    /// NVIDIA user-space (libcuda or NVML) is installed, so a driver package was installed at some point.
    var nvidiaUserSpaceInstalled: Bool {
        drivers.libraries.contains { $0.name == "libcuda.so" || $0.name == "libnvidia-ml.so" }
    }

    /// `ldconfig -p` ran: only then does "library not found" mean it is not installed.
    var librariesWereListed: Bool {
        commands.contains { $0.argv.first?.hasSuffix("ldconfig") == true && $0.outcome == .succeeded }
    }

    var family: DistroFamily { AreaSummary.distroFamily(self) }

    /// One evidence line per GPU of a vendor, naming its PCI address and bound driver.
    func gpuEvidence(_ vendor: GPUVendor) -> [String] {
        gpus(vendor).map { gpu in
            "\(AreaSummary.gpuName(gpu)) at \(gpu.pciAddress ?? "no PCI address"): "
                + (gpu.driver.map { "driver \($0) bound" } ?? "no driver bound")
        }
    }
}
