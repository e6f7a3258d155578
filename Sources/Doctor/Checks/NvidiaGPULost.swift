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
        let smiLost = facts.drivers.nvidia.smiError.map { error in Self.lostMessages.contains(where: error.lowercased().contains) } ?? false
        // Xid 79 in the kernel log says the same when nvidia-smi was not asked or answered otherwise.
        let kernelLost = facts.kernelMessages?.lines(containing: ["fallen off the bus", "Xid (PCI:"]).filter {
            $0.lowercased().contains("fallen off the bus") || $0.contains(": 79,")
        } ?? []
        guard smiLost || !kernelLost.isEmpty else { return [] }
        var evidence = facts.gpuEvidence(.nvidia)
        if let error = facts.drivers.nvidia.smiError { evidence.append("nvidia-smi: \(error)") }
        evidence += kernelLost.suffix(2).map { "kernel: \($0)" }
        // Without a suspend since boot, the card dropped out while running: power and heat, not sleep.
        guard facts.os.suspendsSinceBoot == 0 || (facts.os.suspendsSinceBoot == nil && !kernelLost.isEmpty) else {
            return [Self.kind.found(evidence: evidence)]
        }
        if let suspends = facts.os.suspendsSinceBoot { evidence.append("suspended since boot: \(suspends) times") }
        return [Self.kind.found(evidence: evidence, fix: .steps(
            .manual("The card dropped out while running (Xid 79), not after sleep: most often heat, power delivery or old "
                + "firmware. Check the temperatures, reseat the card and its power connectors, check the power supply, and "
                + "update the computer's BIOS/UEFI."),
            .command("sudo nvidia-smi -lgc 300,1500   # lock lower clocks to test whether power or heat is the cause"),
            .manual("Then reboot to get the card back; `sudo nvidia-smi -rgc` undoes the clock lock.")))]
    }
}
