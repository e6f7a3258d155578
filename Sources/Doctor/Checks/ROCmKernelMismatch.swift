// Finds ROCm installed and the GPU device open to the user, yet rocminfo failing: the ROCm
// user-space does not match the kernel driver.

import Probe

public struct ROCmKernelMismatch: Check {
    public let id = "amd.rocm-kernel-mismatch"
    public let area = Area.gpu

    static let kind = FindingKind(
        id: "amd.rocm-kernel-mismatch", area: .gpu, severity: .error,
        title: "ROCm is installed but cannot talk to the AMD kernel driver",
        explanation: "rocminfo fails although /dev/kfd exists and you may open it. This usually means the ROCm "
            + "libraries expect a newer (or older) amdgpu kernel driver than the one running, e.g. after a "
            + "kernel update or a ROCm install meant for another distribution release.",
        fix: Fix(
            byFamily: [
                .apt: [
                    .command("sudo amdgpu-install --usecase=rocm"),
                    .manual("Use the amdgpu-install package for your exact Ubuntu/Debian release from "
                        + "https://repo.radeon.com/amdgpu-install/, then reboot."),
                ],
                .dnf: [.command("sudo dnf install rocm"), .manual("Then reboot so the current kernel's amdgpu loads.")],
                .pacman: [.command("sudo pacman -Syu rocm-hip-sdk"), .manual("Then reboot.")],
                .zypper: [.command("sudo zypper install rocm"), .manual("Then reboot.")],
            ],
            everywhere: [.manual("Install the ROCm release that supports your kernel version, then reboot.")]))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let amd = facts.drivers.amd
        guard let rocm = amd.rocmVersion, let error = amd.rocminfoError, let kfd = amd.kfd,
            !facts.gpus(.amd).isEmpty
        else { return [] }
        // Permission problems have their own finding (gpu.user-not-in-render-group).
        if let user = facts.drivers.user, user.uid != 0, let group = kfd.group, !user.groups.contains(group),
            !UserNotInRenderGroup.othersMayReadWrite(kfd.mode)
        {
            return []
        }
        return [Self.kind.found(evidence: [
            "ROCm: \(rocm)",
            "kernel: \(facts.os.kernelRelease ?? "unknown")",
            "/dev/kfd: present",
            "rocminfo: \(error)",
        ])]
    }
}
