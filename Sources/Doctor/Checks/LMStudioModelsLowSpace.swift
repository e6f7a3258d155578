// Finds LM Studio keeping its models on a nearly full disk (its settings can point the models folder
// at another disk than Onramp's): its downloads fail there however much room Onramp's folder has.

import Probe

public struct LMStudioModelsLowSpace: Check {
    static let kind = FindingKind(
        id: "runtimes.lmstudio-models-low-space", area: .runtimes, severity: .warning,
        title: "LM Studio keeps its models on a disk with less than 10 GiB free",
        explanation: "LM Studio downloads every model into one folder. When the disk holding it is nearly full, "
            + "downloads stop part way, even when another disk has plenty of room.",
        fix: .steps(.manual("In LM Studio, open My Models and change the models folder to one on a disk with room "
            + "(`df -h` lists the disks), or delete models you no longer use there.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let lmStudio = facts.runtimes.lmStudio, let free = lmStudio.availableBytes, free < LowDiskSpace.comfortable
        else { return [] }
        // The same disk as Onramp's folder: disk.low-space says it once.
        if facts.disks.contains(where: { $0.totalBytes == lmStudio.totalBytes && $0.availableBytes == lmStudio.availableBytes }) {
            return []
        }
        return [Self.kind.found(evidence: [
            "LM Studio's models folder: \(lmStudio.modelsFolder) (\(lmStudio.reason))",
            "free on \(lmStudio.measuredPath ?? lmStudio.modelsFolder): \(Quantity.gib(free))"
                + (lmStudio.totalBytes.map { " of \(Quantity.gib($0))" } ?? ""),
        ])]
    }
}
