// Notes a graphics card that is asleep (runtime power management): normal, and why its details are sparse.

import Probe

public struct GPUSuspended: Check {
    public let id = "gpu.discrete-suspended"
    public let area = Area.gpu

    static let kind = FindingKind(
        id: "gpu.discrete-suspended", area: .gpu, severity: .info,
        title: "A graphics card is asleep to save power",
        explanation: "Laptops put the discrete card to sleep when nothing uses it. That is normal: it wakes "
            + "up when a model starts, which adds a second or two. Onramp did not wake it, so some details "
            + "(memory size, driver version from its tools) may be missing.",
        fix: nil)

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let asleep = facts.gpus.filter(\.isSuspended)
        guard !asleep.isEmpty else { return [] }
        return [Self.kind.found(evidence: asleep.map { gpu in
            "\(AreaSummary.gpuName(gpu)): power state \(gpu.powerState ?? "?"), runtime status \(gpu.runtimeStatus ?? "?")"
        })]
    }
}
