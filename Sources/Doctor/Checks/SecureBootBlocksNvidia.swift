// Finds an installed NVIDIA driver whose kernel module Secure Boot refuses to load (unsigned module).

import Probe

public struct SecureBootBlocksNvidia: Check {
    static let kind = FindingKind(
        id: "nvidia.secure-boot-unsigned-module", area: .gpu, severity: .error,
        title: "Secure Boot is stopping the NVIDIA driver from loading",
        explanation: "The NVIDIA driver is installed, but its kernel module is not signed with a key this "
            + "computer trusts, so Secure Boot blocks it and the card cannot be used. Enrol the key the "
            + "driver was signed with (you set a one-time password now and confirm it in a blue screen at the "
            + "next boot), or turn Secure Boot off in the firmware settings.",
        fix: Fix(
            byFamily: [
                .apt: [
                    .command("sudo mokutil --import /var/lib/shim-signed/mok/MOK.der"),
                    .manual("Reboot and choose \"Enroll MOK\" in the blue MOK manager screen."),
                    .manual("Or turn Secure Boot off in the firmware (UEFI) settings."),
                ],
                .dnf: [
                    .command("sudo kmodgenca -a"),
                    .command("sudo mokutil --import /etc/pki/akmods/certs/public_key.der"),
                    .command("sudo akmods --force --rebuild"),
                    .manual("Reboot and choose \"Enroll MOK\" in the blue MOK manager screen."),
                ],
            ],
            everywhere: [
                .command("mokutil --sb-state"),
                .manual("Sign the nvidia modules with a Machine Owner Key and enrol it with `sudo mokutil --import KEY.der`, "
                    + "or disable Secure Boot in the firmware (UEFI) settings."),
            ]))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    /// What the kernel logs when it refuses an unsigned module under Secure Boot's lockdown.
    static let refusalMessages = ["unsigned module loading is restricted", "loading of unsigned module is rejected", "key was rejected by service"]

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let refusals = facts.kernelMessages?.lines(containing: Self.refusalMessages) ?? []
        guard facts.environment.secureBoot == true || !refusals.isEmpty, facts.nvidiaUserSpaceInstalled,
            facts.drivers.nvidia.moduleLoaded != true,
            facts.gpus(.nvidia).contains(where: { $0.driver == nil })
        else { return [] }
        // No module for this kernel at all: there is nothing to refuse (NvidiaModuleNotBuiltForKernel).
        if facts.nvidiaModuleOnlyForOtherKernels && refusals.isEmpty { return [] }
        let versions = facts.drivers.versions(of: "libnvidia-ml.so") + facts.drivers.versions(of: "libcuda.so")
        var evidence = facts.gpuEvidence(.nvidia) + [
            "Secure Boot: " + (facts.environment.secureBoot == true ? "enabled" : "enforced (the kernel refuses unsigned modules)"),
            "NVIDIA libraries installed: " + (versions.first.map { "version \($0)" } ?? "yes"),
            "nvidia kernel module: not loaded",
        ]
        evidence += refusals.suffix(2).map { "kernel: \($0)" }
        // Debian's DKMS signs with its own key; Ubuntu's with the key shim-signed made.
        guard facts.os.distroID == "debian" else { return [Self.kind.found(evidence: evidence)] }
        return [Self.kind.found(evidence: evidence, fix: .steps(
            .command("sudo mokutil --import /var/lib/dkms/mok.pub"),
            .manual("Reboot and choose \"Enroll MOK\" in the blue MOK manager screen, then:"),
            .command("sudo dkms autoinstall && sudo modprobe nvidia"),
            .manual("Or turn Secure Boot off in the firmware (UEFI) settings.")))]
    }
}
