// Finds an NVIDIA driver older than the CUDA toolkit installed next to it supports.

import Probe

public struct DriverTooOldForCuda: Check {
    public let id = "nvidia.driver-too-old-for-cuda"
    public let area = Area.gpu

    /// The oldest Linux driver each CUDA major release runs on (NVIDIA's "minor version
    /// compatibility" minimums from the CUDA release notes); below it CUDA refuses to start.
    static let minimumDriver: [Int: DottedVersion] = [
        11: DottedVersion(450, 80, 2),
        12: DottedVersion(525, 60, 13),
        13: DottedVersion(580, 65, 6),
    ]

    static let kind = FindingKind(
        id: "nvidia.driver-too-old-for-cuda", area: .gpu, severity: .error,
        title: "The NVIDIA driver is too old for the installed CUDA version",
        explanation: "Each CUDA release needs at least a certain driver version. With an older driver, "
            + "programs built for this CUDA stop with \"CUDA driver version is insufficient for CUDA "
            + "runtime version\" and fall back to the CPU, if they start at all.",
        fix: Fix(
            byFamily: NvidiaFixes.installDriver.byFamily.merging([
                .apt: [.command("sudo ubuntu-drivers install"),
                       .manual("Or install a newer driver branch, e.g. `sudo apt install nvidia-driver-570`, then reboot.")],
            ]) { _, new in new },
            everywhere: [.manual("Update the NVIDIA driver (or install an older CUDA toolkit that matches it), then reboot.")]))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let nvidia = facts.drivers.nvidia
        guard let cudaText = nvidia.cudaToolkitVersion,
            let driverText = nvidia.smiDriverVersion ?? nvidia.kernelModuleVersion
        else { return [] }
        guard let cuda = DottedVersion(cudaText) else { throw OddFact("CUDA version \"\(cudaText)\" is not a version") }
        guard let driver = DottedVersion(driverText) else {
            throw OddFact("NVIDIA driver version \"\(driverText)\" is not a version")
        }
        guard let major = cuda.parts.first, let needed = Self.minimumDriver[major], driver < needed else {
            return []
        }
        return [Self.kind.found(evidence: [
            "CUDA toolkit: \(cudaText)",
            "NVIDIA driver: \(driverText)",
            "CUDA \(major).x needs driver \(needed) or newer",
        ])]
    }
}
