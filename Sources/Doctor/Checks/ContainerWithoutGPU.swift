// Finds a container that can see a GPU on the PCI bus but was started without access to it.

import Probe

public struct ContainerWithoutGPU: Check {
    public let id = "container.gpu-not-passed"
    public let area = Area.system

    static let kind = FindingKind(
        id: "container.gpu-not-passed", area: .system, severity: .error,
        title: "This container was started without access to the graphics card",
        explanation: "The host has a graphics card, but the container has no device files for it, so models "
            + "here run on the CPU only. The card has to be passed in when the container starts.",
        fix: Fix(everywhere: [
            .manual("NVIDIA, on the host: install nvidia-container-toolkit "
                + "(https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html), then:"),
            .command("sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker"),
            .command("docker run --gpus all ..."),
            .manual("AMD: `docker run --device /dev/kfd --device /dev/dri --group-add render ...`; "
                + "Intel: `docker run --device /dev/dri ...`. With Podman: `--device nvidia.com/gpu=all`."),
        ]))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard facts.inContainer else { return [] }
        let drivers = facts.drivers
        let nvidiaHidden = !facts.gpus(.nvidia).isEmpty && !drivers.nvidia.deviceNodes.contains("nvidiactl")
        let amdHidden = facts.gpus(.amd).contains { $0.driver == "amdgpu" } && drivers.amd.kfd == nil
            && drivers.renderNodes.isEmpty
        let intelHidden = facts.gpus(.intel).contains { $0.driver != nil } && drivers.renderNodes.isEmpty
        guard nvidiaHidden || amdHidden || intelHidden else { return [] }
        var evidence = ["container: \(facts.environment.container?.rawValue ?? "?")"
            + (facts.environment.containerEvidence.map { " (\($0))" } ?? "")]
        evidence += facts.gpus.map { "on the PCI bus: \(AreaSummary.gpuName($0))" }
        if nvidiaHidden { evidence.append("/dev/nvidiactl: missing") }
        if amdHidden || intelHidden { evidence.append("/dev/dri/renderD*: none") }
        return [Self.kind.found(evidence: evidence)]
    }
}
