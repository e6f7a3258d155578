// Finds an AMD card driven by amdgpu but without /dev/kfd, the device ROCm computes through.

import Probe

public struct AMDWithoutKFD: Check {
    public let id = "amd.kfd-missing"
    public let area = Area.gpu

    static let kind = FindingKind(
        id: "amd.kfd-missing", area: .gpu, severity: .warning,
        title: "The AMD card has no /dev/kfd, so ROCm cannot use it",
        explanation: "ROCm (what most tools use on AMD cards) computes through /dev/kfd, which the amdgpu "
            + "driver creates when the kernel has HSA support. Without it ROCm sees no GPU; Vulkan-based "
            + "tools can still use the card.",
        fix: .steps(
            .command("sudo modprobe amdgpu"),
            .command("ls -l /dev/kfd"),
            .manual("If it is still missing, the kernel lacks CONFIG_HSA_AMD: install your distribution's "
                + "standard kernel. In a container, start it with `--device /dev/kfd --device /dev/dri`.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let onAmdgpu = facts.gpus(.amd).filter { $0.driver == "amdgpu" }
        // In a container with no GPU devices at all, container.gpu-not-passed says it better.
        guard !onAmdgpu.isEmpty, facts.drivers.amd.kfd == nil,
            !(facts.inContainer && facts.drivers.renderNodes.isEmpty)
        else { return [] }
        return [Self.kind.found(evidence: facts.gpuEvidence(.amd) + ["/dev/kfd: missing"])]
    }
}
