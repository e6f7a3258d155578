// Finds an NVIDIA card with no NVIDIA driver bound, when nothing more specific explains why.

import Probe

public struct NvidiaNoDriver: Check {
    public let id = "nvidia.no-driver"
    public let area = Area.gpu

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
        guard !unbound.isEmpty, facts.drivers.nvidia.moduleLoaded != true else { return [] }
        // Secure Boot refusing an installed module has its own finding with its own fix.
        if facts.environment.secureBoot == true && facts.nvidiaUserSpaceInstalled { return [] }
        var evidence = facts.gpuEvidence(.nvidia)
        evidence.append("nvidia kernel module: not loaded")
        if facts.nvidiaUserSpaceInstalled {
            evidence.append("NVIDIA libraries are installed, so the module failed to build or load for kernel "
                + (facts.os.kernelRelease ?? "?"))
        }
        if facts.inContainer { evidence.append("running in a container: install the driver on the host") }
        return [Self.kind.found(evidence: evidence)]
    }
}
