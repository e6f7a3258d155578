// Finds an NVIDIA card with no NVIDIA driver bound, when nothing more specific explains why.

import Probe

public struct NvidiaNoDriver: Check {
    static let kind = FindingKind(
        id: "nvidia.no-driver", area: .gpu, severity: .error,
        title: "The NVIDIA card has no NVIDIA driver, so models cannot use it",
        explanation: "Models run many times faster on the graphics card, but only through NVIDIA's own driver. "
            + "Without it everything runs on the CPU.",
        fix: NvidiaFixes.installDriver)

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let unbound = facts.gpus(.nvidia).filter { $0.driver == nil }
        // Under WSL the driver is the Windows one; the wsl.* checks cover it.
        guard !unbound.isEmpty, facts.drivers.nvidia.moduleLoaded != true, !facts.inWSL else { return [] }
        // Secure Boot refusing an installed module has its own finding with its own fix.
        if facts.environment.secureBoot == true && facts.nvidiaUserSpaceInstalled { return [] }
        // A module built only for other kernels has its own finding with its own fix.
        if facts.nvidiaModuleOnlyForOtherKernels { return [] }
        var evidence = facts.gpuEvidence(.nvidia)
        evidence.append("nvidia kernel module: not loaded")
        if let files = facts.drivers.nvidia.moduleFiles, !files.isEmpty {
            evidence.append("installed for this kernel but not loaded: " + files.joined(separator: " "))
        } else if facts.nvidiaUserSpaceInstalled {
            evidence.append("NVIDIA libraries are installed, but no nvidia module was built for kernel "
                + (facts.os.kernelRelease ?? "?"))
        }
        if facts.inContainer { evidence.append("running in a container: install the driver on the host") }
        return [Self.kind.found(evidence: evidence)]
    }
}
