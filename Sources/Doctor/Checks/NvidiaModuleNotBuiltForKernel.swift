// Finds an NVIDIA driver whose kernel module exists only for other kernels: after a kernel update,
// DKMS or akmods did not build it for the new one (missing kernel headers, a build error with a
// kernel too new for the driver branch, a `.run` install without DKMS). nvidia-smi then "couldn't
// communicate with the NVIDIA driver"; booting the old kernel still works.

import Probe

public struct NvidiaModuleNotBuiltForKernel: Check {
    static let kind = FindingKind(
        id: "nvidia.module-not-built-for-kernel", area: .gpu, severity: .error,
        title: "The NVIDIA driver was not built for the kernel running now",
        explanation: "The NVIDIA driver's kernel module has to be built for each kernel. After a kernel update "
            + "this build happens by itself (DKMS or akmods) only when the kernel's headers are installed and "
            + "the driver supports the new kernel. Here a module exists only for other kernels, so the card "
            + "has no driver and models run on the CPU.",
        fix: NvidiaFixes.fix { family in
            switch family {
            case .apt: [.command("sudo apt install linux-headers-$(uname -r)"), .command("sudo dkms autoinstall"),
                        .manual("If the build fails, the driver branch is too old for this kernel: `sudo ubuntu-drivers install` "
                            + "installs a newer one (or pick the previous kernel under \"Advanced options\" in the boot menu)."),
                        NvidiaFixes.reboot]
            case .dnf: [.command("sudo dnf install kernel-devel-$(uname -r)"), .command("sudo akmods --force --kernels $(uname -r)"),
                        NvidiaFixes.reboot]
            case .pacman: [.manual("Install the headers of the kernel you boot (`linux-headers` for Arch's own kernel; "
                               + "`linux-zen-headers`, `linux-lts-headers`, `linux-cachyos-headers` for those kernels), then "
                               + "(re)install the driver as a DKMS module, which builds it for every kernel with headers:"),
                           .command("sudo pacman -S nvidia-dkms"), NvidiaFixes.reboot]
            case .zypper: [.command("sudo zypper install kernel-default-devel"), .command("sudo dkms autoinstall"), NvidiaFixes.reboot]
            case .generic: [.manual("Install your kernel's headers, then rebuild the driver's module for it (`sudo dkms autoinstall`)."),
                            NvidiaFixes.reboot]
            }
        })

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard facts.nvidiaModuleOnlyForOtherKernels else { return [] }
        let nvidia = facts.drivers.nvidia
        let running = facts.os.kernelRelease ?? "?"
        var evidence = facts.gpuEvidence(.nvidia)
        evidence.append("running kernel: \(running), with no nvidia module")
        if let others = nvidia.otherKernelsWithModule, !others.isEmpty {
            evidence.append("nvidia module installed for: " + others.joined(separator: ", "))
        }
        for module in nvidia.dkmsModules ?? [] {
            evidence.append("dkms: \(module.module)/\(module.version)" + (module.kernel.map { ", \($0)" } ?? "") + ": \(module.state)")
        }
        guard nvidia.installedByRunfile == true else { return [Self.kind.found(evidence: evidence)] }
        // NVIDIA's .run installer builds the module once, for the kernel running at the time, unless told to use DKMS.
        evidence.append("installed with NVIDIA's .run installer (/usr/bin/nvidia-uninstall exists)")
        return [Self.kind.found(evidence: evidence, fix: .steps(
            .manual("Install this kernel's headers (Debian/Ubuntu: `sudo apt install linux-headers-$(uname -r)`), then run "
                + "the same NVIDIA .run installer again, with DKMS so that later kernel updates rebuild it:"),
            .command("sudo sh ./NVIDIA-Linux-x86_64-*.run --dkms"),
            NvidiaFixes.reboot))]
    }
}

extension MachineFacts {
    /// No nvidia module loaded or installed for the running kernel, but one for another kernel (or in
    /// DKMS): a kernel update the driver was not built for, not a missing driver or a refused signature.
    var nvidiaModuleOnlyForOtherKernels: Bool {
        let nvidia = drivers.nvidia
        guard nvidia.moduleLoaded == false, nvidia.moduleFiles?.isEmpty == true, !inWSL, !inContainer,
              gpus(.nvidia).contains(where: { $0.driver == nil }), let running = os.kernelRelease else { return false }
        let dkmsElsewhere = (nvidia.dkmsModules ?? []).contains { $0.kernel != running }
        return nvidia.otherKernelsWithModule?.isEmpty == false || dkmsElsewhere
    }
}
