// Finds too little free space where models are stored.

import Probe

public struct LowDiskSpace: Check {
    public let id = "disk.low-space"
    public let area = Area.disk

    /// A 7–8B model at 4 bits is about 5 GiB; below this only small models fit.
    static let comfortable: UInt64 = 10 * Quantity.gibibyte

    static let kind = FindingKind(
        id: "disk.low-space", area: .disk, severity: .warning,
        title: "Less than 10 GiB free where models are stored",
        explanation: "Model files are large: 0.1–2 GiB for small ones, about 5 GiB for a 7B model. "
            + "With little free space downloads fail part way, and a full disk can upset other programs.",
        fix: .steps(
            .manual("Free space on that disk, or store models on another disk by setting ONRAMP_HOME, "
                + "e.g. `export ONRAMP_HOME=/mnt/bigdisk/onramp` in ~/.profile."),
            .command("du -sh ~/.cache/* ~/.local/share/* 2>/dev/null | sort -h | tail")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        facts.disks.compactMap { disk in
            guard let free = disk.availableBytes, free < Self.comfortable else { return nil }
            return Self.kind.found(evidence: [
                "\(disk.purpose) folder: \(disk.path)",
                "free on \(disk.measuredPath ?? disk.path): \(Quantity.gib(free))",
            ])
        }
    }
}
