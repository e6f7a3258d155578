// Finds the NVML "Driver/library version mismatch": the loaded kernel module and the installed
// libraries come from different driver versions (usually an update without a reboot).

import Probe

public struct DriverLibraryMismatch: Check {
    static let kind = FindingKind(
        id: "nvidia.driver-library-mismatch", area: .gpu, severity: .error,
        title: "The NVIDIA driver in memory and its installed libraries are different versions",
        explanation: "The driver was updated but the old kernel module is still running (most often: an "
            + "automatic update, no reboot yet). Until both match, CUDA programs and nvidia-smi fail with "
            + "\"Driver/library version mismatch\". A reboot loads the new module.",
        fix: Fix(
            byFamily: [
                .apt: [.manual("Reboot. If it persists, reinstall matching packages:"),
                       .command("sudo apt install --reinstall $(dpkg -l | awk '/^ii +(libnvidia|nvidia)-/ {print $2}')")],
                .dnf: [.manual("Reboot. If it persists, reinstall matching packages:"),
                       .command("sudo dnf reinstall 'akmod-nvidia*' 'xorg-x11-drv-nvidia*'")],
                .pacman: [.manual("Reboot. If it persists, update everything together:"),
                          .command("sudo pacman -Syu")],
                .zypper: [.manual("Reboot. If it persists, update everything together:"),
                          .command("sudo zypper update")],
            ],
            everywhere: [.manual("Reboot. If it persists, reinstall the driver so module and libraries match.")]))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let nvidia = facts.drivers.nvidia
        let smiSaysMismatch = nvidia.smiError?.lowercased().contains("version mismatch") == true
        let module = nvidia.kernelModuleVersion ?? nvidia.sysModuleVersion
        let library = facts.drivers.versions(of: "libnvidia-ml.so").first
        let versionsDiffer: Bool
        if let module, let library, !facts.inWSL {
            versionsDiffer = module != library
        } else {
            versionsDiffer = false
        }
        guard smiSaysMismatch || versionsDiffer else { return [] }
        var evidence: [String] = []
        if let module { evidence.append("kernel module version: \(module)") }
        if let library { evidence.append("libnvidia-ml.so version: \(library)") }
        if let error = nvidia.smiError { evidence.append("nvidia-smi: \(error)") }
        guard let module, let installed = nvidia.installedModuleVersion else { return [Self.kind.found(evidence: evidence)] }
        evidence.append("nvidia module installed for this kernel: \(installed)"
            + (installed == module ? " (the one running)" : " (a reboot loads it)"))
        if nvidia.installedByRunfile == true { evidence.append("installed with NVIDIA's .run installer (/usr/bin/nvidia-uninstall exists)") }
        guard installed == module else { return [Self.kind.found(evidence: evidence)] }
        return [Self.kind.found(evidence: evidence, fix: Self.reinstallUserSpace(module, facts))]
    }

    /// The module on disk is the one running, so a reboot changes nothing: the libraries come from
    /// another install and must be replaced by the user space of the running module's version.
    static func reinstallUserSpace(_ module: String, _ facts: MachineFacts) -> Fix {
        let architecture = facts.cpu.architecture ?? "x86_64"
        let runfile = "NVIDIA-Linux-\(architecture)-\(module).run"
        let intro = FixStep.manual("A reboot will not help: the kernel module on disk is already the one running (\(module)). "
            + "Install the libraries of that same version.")
        if facts.drivers.nvidia.installedByRunfile == true {
            return Fix(everywhere: [
                intro,
                .manual("Download \(runfile) from https://www.nvidia.com/en-us/drivers/unix/ (or the same version's .run file you built the module from), then:"),
                .command("sudo sh \(runfile) --no-kernel-modules   # libraries only; the module is already \(module)"),
            ])
        }
        return Fix(
            byFamily: [
                .apt: [intro, .command("sudo apt install --reinstall $(dpkg -l | awk '/^ii +(libnvidia|nvidia)-/ {print $2}')"),
                       .manual("If the packages are not version \(module), install the packages of \(module), or reinstall module and libraries from one source.")],
            ],
            everywhere: [intro, .manual("Install driver \(module)'s libraries (the same version as the module), or reinstall module and libraries from one source.")])
    }
}

