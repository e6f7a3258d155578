// Finds the NVML "Driver/library version mismatch": the loaded kernel module and the installed
// libraries come from different driver versions (usually an update without a reboot).

import Probe

public struct DriverLibraryMismatch: Check {
    public let id = "nvidia.driver-library-mismatch"
    public let area = Area.gpu

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
        return [Self.kind.found(evidence: evidence)]
    }
}

