// Finds an NVIDIA card the driver has lost contact with (typically after suspend and resume).

import Probe

public struct NvidiaGPULost: Check {
    static let kind = FindingKind(
        id: "nvidia.gpu-lost", area: .gpu, severity: .error,
        title: "The NVIDIA driver has lost the graphics card (often after sleep)",
        explanation: "nvidia-smi reports that the card fell off the bus or cannot be reached. This usually "
            + "happens after suspend and resume, sometimes from overheating or a loose power cable. Until the "
            + "driver is reloaded or the computer restarts, CUDA programs find no GPU.",
        fix: .steps(
            .command("sudo rmmod nvidia_uvm && sudo modprobe nvidia_uvm"),
            .manual("If that does not help, reboot. If it happens after every suspend, enable the driver's "
                + "suspend services: `sudo systemctl enable nvidia-suspend nvidia-resume nvidia-hibernate`.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    /// nvidia-smi's wording when the card is unreachable (Xid 79 "fallen off the bus", "GPU is lost").
    static let lostMessages = ["gpu is lost", "fallen off the bus", "unable to determine the device handle"]

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let error = facts.drivers.nvidia.smiError,
            Self.lostMessages.contains(where: error.lowercased().contains)
        else { return [] }
        return [Self.kind.found(evidence: facts.gpuEvidence(.nvidia) + ["nvidia-smi: \(error)"])]
    }
}
