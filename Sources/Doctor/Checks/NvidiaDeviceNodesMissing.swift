// Finds the NVIDIA driver loaded but its /dev/nvidia* device files missing, so programs cannot open the card.

import Probe

public struct NvidiaDeviceNodesMissing: Check {
    public let id = "nvidia.device-nodes-missing"
    public let area = Area.gpu

    static let kind = FindingKind(
        id: "nvidia.device-nodes-missing", area: .gpu, severity: .error,
        title: "The NVIDIA driver is loaded but /dev/nvidia0 or /dev/nvidiactl is missing",
        explanation: "Programs reach the card through the /dev/nvidia* files. They are created by "
            + "nvidia-modprobe or udev when the driver loads; on headless machines or with a broken "
            + "install they may be missing, and every CUDA program then fails to find the card.",
        fix: .steps(
            .command("sudo nvidia-modprobe -c 0 -u"),
            .manual("If nvidia-modprobe is missing, reinstall the driver package (it ships it), then reboot.")),
        runnable: true)

    static let action = FixAction(
        id: "create-nvidia-device-nodes",
        changes: "Creates /dev/nvidia0, /dev/nvidiactl and /dev/nvidia-uvm with nvidia-modprobe.",
        commands: [["nvidia-modprobe", "-c", "0", "-u"]], needsRoot: true)

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let nvidia = facts.drivers.nvidia
        // In a container, missing nodes mean the GPU was not passed in (container.gpu-not-passed).
        guard nvidia.moduleLoaded == true, !facts.inContainer, !facts.inWSL else { return [] }
        let missing = ["nvidia0", "nvidiactl"].filter { !nvidia.deviceNodes.contains($0) }
        guard !missing.isEmpty else { return [] }
        return [Self.kind.found(
            evidence: [
                "nvidia kernel module: loaded",
                "missing: " + missing.map { "/dev/" + $0 }.joined(separator: " "),
                "present: " + (nvidia.deviceNodes.isEmpty ? "none" : nvidia.deviceNodes.sorted().map { "/dev/" + $0 }.joined(separator: " ")),
            ],
            action: Self.action)]
    }
}
