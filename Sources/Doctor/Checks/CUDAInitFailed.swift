// Finds CUDA failing to start on a card the driver otherwise serves: the probe's cuInit test in a
// child process failed, hung or crashed while nothing else explains it (no version mismatch, no
// missing nvidia_uvm). The classic case is nvidia_uvm left broken by a resume from suspend:
// nvidia-smi works, every CUDA program falls back to the CPU.

import Probe

public struct CUDAInitFailed: Check {
    static let kind = FindingKind(
        id: "nvidia.cuda-init-failed", area: .gpu, severity: .error,
        title: "CUDA cannot start on the NVIDIA card, although the driver is loaded",
        explanation: "Onramp asked the driver to start CUDA (cuInit, as every CUDA program does first) in a test "
            + "process, and it failed. Programs then run on the CPU or stop. After a suspend and resume the "
            + "driver's nvidia_uvm module is sometimes left in this state: nvidia-smi still works, CUDA does not. "
            + "Reloading the module (or a reboot) brings it back.",
        fix: .steps(
            .manual("Stop programs that use the card first (e.g. `sudo systemctl stop ollama`), then:"),
            .command("sudo rmmod nvidia_uvm && sudo modprobe nvidia_uvm"),
            .manual("Start those programs again. If rmmod says the module is in use, or it keeps failing, reboot.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let nvidia = facts.drivers.nvidia
        guard let test = nvidia.cudaInit, !test.succeeded || test.devices == 0 else { return [] }
        // A version mismatch or a missing nvidia_uvm has its own finding with its own fix.
        if nvidia.smiError?.lowercased().contains("mismatch") == true || nvidia.uvmLoaded == false { return [] }
        var evidence: [String]
        if test.timedOut {
            evidence = ["CUDA initialisation test: did not finish within \(CUDAInitTest.timeout)"]
        } else if test.crashed {
            evidence = ["CUDA initialisation test: crashed inside the driver library"]
        } else if let result = test.result, result != 0 {
            evidence = ["CUDA initialisation test: cuInit returned \(result) (\(test.errorName ?? "unknown error"))"]
        } else {
            evidence = ["CUDA initialisation test: cuInit succeeded but CUDA sees no device"]
        }
        if let driver = nvidia.smiDriverVersion { evidence.append("nvidia-smi: works (driver \(driver))") }
        if let suspends = facts.os.suspendsSinceBoot, suspends > 0 {
            evidence.append("suspended and resumed since boot: \(suspends) time\(suspends == 1 ? "" : "s")")
        }
        return [Self.kind.found(evidence: evidence)]
    }
}
