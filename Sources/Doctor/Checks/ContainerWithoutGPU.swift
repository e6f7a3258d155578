// Finds a container that can see a GPU on the PCI bus but was started without access to it.

import Probe

public struct ContainerWithoutGPU: Check {
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
        guard facts.environment.container == .kubernetes else { return [Self.kind.found(evidence: evidence)] }
        return [Self.kind.found(evidence: evidence, fix: Self.kubernetesFix(nvidia: nvidiaHidden))]
    }

    /// In a pod the card comes from the node's device plugin and container runtime, not from `docker run`.
    static func kubernetesFix(nvidia: Bool) -> Fix {
        guard nvidia else {
            return .steps(.manual("Ask for the card in the pod spec (`resources: limits:` with the resource your GPU device plugin "
                + "offers, e.g. `amd.com/gpu: 1` or `gpu.intel.com/i915: 1`), and install that device plugin on the node."))
        }
        return .steps(
            .manual("In the pod spec, run with NVIDIA's runtime and ask for the card: `runtimeClassName: nvidia` under "
                + "`spec:`, and `resources: {limits: {nvidia.com/gpu: 1}}` under the container."),
            .manual("The node needs the NVIDIA device plugin (or NVIDIA's GPU Operator), which also creates the nvidia runtime class:"),
            .command("kubectl describe nodes | grep nvidia.com/gpu   # the node offers GPUs when this shows a count above 0"))
    }
}
