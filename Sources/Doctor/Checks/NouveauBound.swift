// Finds NVIDIA cards driven by nouveau, the open driver that cannot run CUDA.

import Probe

public struct NouveauBound: Check {
    public let id = "nvidia.nouveau-bound"
    public let area = Area.gpu

    static let kind = FindingKind(
        id: "nvidia.nouveau-bound", area: .gpu, severity: .error,
        title: "The NVIDIA card is driven by nouveau, which cannot run models",
        explanation: "nouveau, the open-source driver, shows the desktop but has no CUDA, so models cannot use "
            + "the card. Install NVIDIA's driver and keep nouveau from loading first.",
        fix: Fix(
            byFamily: Dictionary(uniqueKeysWithValues: [DistroFamily.apt, .dnf, .pacman, .zypper].map { family in
                (family, steps(family))
            }),
            everywhere: steps(.generic)))

    private static func steps(_ family: DistroFamily) -> [FixStep] {
        (NvidiaFixes.installDriver.byFamily[family] ?? NvidiaFixes.installDriver.everywhere).filter {
            $0 != .manual("Then reboot.")
        } + [
            .command("printf 'blacklist nouveau\\noptions nouveau modeset=0\\n' | sudo tee /etc/modprobe.d/blacklist-nouveau.conf"),
            family == .generic ? .manual(family.rebuildInitramfsLine) : .command(family.rebuildInitramfsLine),
            .manual("Reboot."),
        ]
    }

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let onNouveau = facts.gpus(.nvidia).filter { $0.driver == "nouveau" }
        guard !onNouveau.isEmpty || (facts.drivers.nvidia.nouveauLoaded == true && !facts.gpus(.nvidia).isEmpty
            && facts.drivers.nvidia.moduleLoaded != true)
        else { return [] }
        var evidence = facts.gpuEvidence(.nvidia)
        if facts.drivers.nvidia.nouveauLoaded == true { evidence.append("nouveau kernel module: loaded") }
        return [Self.kind.found(evidence: evidence)]
    }
}
