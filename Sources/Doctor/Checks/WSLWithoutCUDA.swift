// WSL 2 gets the GPU from Windows: finds a missing /dev/dxg (no GPU bridge) or a missing libcuda
// in /usr/lib/wsl/lib (no NVIDIA driver on the Windows side).

import Probe

public struct WSLWithoutCUDA: Check {
    public let id = "wsl.gpu"
    public let area = Area.system

    static let noDXG = FindingKind(
        id: "wsl.dxg-missing", area: .system, severity: .warning,
        title: "WSL has no GPU bridge (/dev/dxg), so models cannot use the graphics card",
        explanation: "Under WSL, Linux reaches the Windows graphics driver through /dev/dxg. It exists only "
            + "in WSL 2 with a recent kernel; without it every model runs on the CPU.",
        fix: .steps(
            .manual("In Windows PowerShell: `wsl --update`, then `wsl --shutdown` and reopen this terminal."),
            .manual("If this distribution runs under WSL 1, convert it: `wsl --set-version DISTRO 2` "
                + "(names from `wsl -l -v`).")))

    static let noLibcuda = FindingKind(
        id: "wsl.libcuda-missing", area: .system, severity: .warning,
        title: "WSL cannot find the Windows NVIDIA driver (no libcuda in /usr/lib/wsl/lib)",
        explanation: "CUDA under WSL uses the Windows NVIDIA driver, whose libcuda.so Windows maps into "
            + "/usr/lib/wsl/lib. It is missing, so either the Windows driver is not installed or too old, or "
            + "this PC has no NVIDIA card. Never install a Linux NVIDIA driver inside WSL: it breaks this mapping.",
        fix: .steps(
            .manual("On Windows, install the current NVIDIA driver (GeForce Experience or nvidia.com), "
                + "then run `wsl --shutdown` in PowerShell and reopen this terminal."),
            .command("ls -l /usr/lib/wsl/lib/libcuda*")))

    public var kinds: [FindingKind] { [Self.noDXG, Self.noLibcuda] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let wsl = facts.environment.wsl else { return [] }
        let version = "WSL version: " + (wsl.version.map(String.init) ?? "unknown")
        if wsl.version == 1 || !wsl.dxgPresent {
            return [Self.noDXG.found(evidence: [version, "/dev/dxg: " + (wsl.dxgPresent ? "present" : "missing")])]
        }
        guard !wsl.wslLibcudaPresent else { return [] }
        return [Self.noLibcuda.found(evidence: [
            version, "/dev/dxg: present",
            "/usr/lib/wsl/lib: " + (wsl.wslLibPresent ? "present, without libcuda.so" : "missing"),
        ])]
    }
}
