// Finds NVIDIA cards driven by nouveau, the open driver that cannot run CUDA.

import Probe

public struct NouveauBound: Check {
    static let kind = FindingKind(
        id: "nvidia.nouveau-bound", area: .gpu, severity: .error,
        title: "The NVIDIA card is driven by nouveau, which cannot run models",
        explanation: "nouveau, the open-source driver, shows the desktop but has no CUDA, so models cannot use "
            + "the card. Install NVIDIA's driver and keep nouveau from loading first.",
        fix: NvidiaFixes.fix { steps($0) + [NvidiaFixes.reboot] })

    /// nova_core, nouveau's Rust successor in kernels from 6.15 on, claims the same cards.
    static let novaDrivers: Set<String> = ["nova_core", "nova", "NovaCore"]

    /// Keep nouveau (and nova) from loading, install the driver, rebuild the initramfs; the reboot comes last.
    private static func steps(_ family: DistroFamily, nova: Bool = false) -> [FixStep] {
        [nova
            ? .command("printf 'blacklist nova_core\\nblacklist nova_drm\\nblacklist nouveau\\noptions nouveau modeset=0\\n' "
                + "| sudo tee /etc/modprobe.d/blacklist-nova-nouveau.conf")
            : .command("printf 'blacklist nouveau\\noptions nouveau modeset=0\\n' | sudo tee /etc/modprobe.d/blacklist-nouveau.conf")]
            + NvidiaFixes.installSteps(family)
            + [family == .generic ? .manual(family.rebuildInitramfsLine) : .command(family.rebuildInitramfsLine)]
    }

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let onNouveau = facts.gpus(.nvidia).filter { $0.driver == "nouveau" }
        let novaLines = facts.kernelMessages?.lines(containing: ["bound to NovaCore"]) ?? []
        let nova = facts.gpus(.nvidia).contains { Self.novaDrivers.contains($0.driver ?? "") } || !novaLines.isEmpty
        guard !onNouveau.isEmpty || nova || (facts.drivers.nvidia.nouveauLoaded == true && !facts.gpus(.nvidia).isEmpty
            && facts.drivers.nvidia.moduleLoaded != true)
        else { return [] }
        var evidence = facts.gpuEvidence(.nvidia)
        if facts.drivers.nvidia.nouveauLoaded == true { evidence.append("nouveau kernel module: loaded") }
        evidence += novaLines.suffix(2).map { "kernel: \($0)" }
        if nova {
            return [Self.kind.found(
                evidence: evidence, fix: NvidiaFixes.fix { Self.steps($0, nova: true) + [NvidiaFixes.reboot] },
                title: "The NVIDIA card is held by nova_core, the kernel's new open driver, so NVIDIA's driver cannot use it")]
        }
        guard facts.environment.secureBoot == true else { return [Self.kind.found(evidence: evidence)] }
        // With Secure Boot the new module must be signed and its key enrolled, or it will not load.
        evidence.append("Secure Boot: enabled")
        let family = facts.family
        let signing: [FixStep] = switch family {
        case .apt:
            [.manual("Secure Boot is on: the installer asks for a one-time password; at the next boot choose "
                + "\"Enroll MOK\" in the blue screen and type it, or the module will not load.")]
        case .dnf:
            [.manual("Secure Boot is on: before rebooting, enrol the key akmods signs the module with:"),
             .command("sudo kmodgenca -a && sudo mokutil --import /etc/pki/akmods/certs/public_key.der"),
             .manual("At the next boot choose \"Enroll MOK\" in the blue screen and type the password you chose.")]
        default:
            [.manual("Secure Boot is on: the module must be signed with an enrolled key (see "
                + "nvidia.secure-boot-unsigned-module), or Secure Boot turned off in the firmware settings.")]
        }
        let fix = Fix(byFamily: [family: Self.steps(family) + signing + [NvidiaFixes.reboot]])
        return [Self.kind.found(evidence: evidence, fix: fix)]
    }
}
