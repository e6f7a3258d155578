// Finds the NVIDIA driver loaded without nvidia_uvm, the module CUDA needs for memory (often lost
// after suspend and resume).

import Probe

public struct NvidiaUVMNotLoaded: Check {
    public let id = "nvidia.uvm-not-loaded"
    public let area = Area.gpu

    static let kind = FindingKind(
        id: "nvidia.uvm-not-loaded", area: .gpu, severity: .error,
        title: "The nvidia_uvm module is not loaded, so CUDA cannot use the card",
        explanation: "CUDA programs need the nvidia_uvm kernel module as well as the driver. It is normally "
            + "loaded on first use, but that fails without root, and after suspend/resume it is sometimes "
            + "left broken: programs then report \"no CUDA-capable device\" although nvidia-smi works. "
            + "Loading it again fixes this until the next reboot.",
        fix: .steps(
            .command("sudo modprobe nvidia_uvm"),
            .manual("If the card was lost after suspend: `sudo rmmod nvidia_uvm && sudo modprobe nvidia_uvm`."),
            .command("echo nvidia_uvm | sudo tee /etc/modules-load.d/nvidia-uvm.conf   # load it at every boot")),
        runnable: true)

    static let action = FixAction(
        id: "load-nvidia-uvm", changes: "Loads the nvidia_uvm kernel module (until the next reboot).",
        commands: [["modprobe", "nvidia_uvm"]], needsRoot: true)

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let nvidia = facts.drivers.nvidia
        guard nvidia.moduleLoaded == true, nvidia.uvmLoaded == false, !facts.inWSL else { return [] }
        var evidence = ["nvidia kernel module: loaded", "nvidia_uvm kernel module: not loaded"]
        if !nvidia.deviceNodes.isEmpty { evidence.append("/dev: " + nvidia.deviceNodes.sorted().joined(separator: " ")) }
        // Inside a container modules are the host's business; the action would fail here.
        return [Self.kind.found(evidence: evidence, action: facts.inContainer ? nil : Self.action)]
    }
}
