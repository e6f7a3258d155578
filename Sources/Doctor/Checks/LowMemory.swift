// Finds machines (or containers) with too little memory for any useful model.

import Probe

public struct LowMemory: Check {
    /// Below this a 1–3B model at 4 bits plus the system does not fit comfortably.
    static let usefulMinimum: UInt64 = 4 * Quantity.gibibyte

    static let kind = FindingKind(
        id: "memory.low", area: .memory, severity: .warning,
        title: "Less than 4 GiB of memory: only small models will fit",
        explanation: "A model has to fit in memory together with the system and your other programs. "
            + "With less than 4 GiB only small models (up to about 1B parameters) fit; bigger ones "
            + "will be refused, or make the computer swap and freeze.",
        fix: .steps(.manual(
            "Close other programs before starting a model, choose a small model (about 1B parameters or fewer), "
                + "or add memory. In a container or VM, give it more memory. "
                + "`onramp recommend` lists the models that fit in the memory this computer has free.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let usable = facts.memory.usableBytes, usable < Self.usefulMinimum else { return [] }
        var evidence = ["memory this program can use: \(Quantity.gib(usable))"]
        if let total = facts.memory.totalBytes, total != usable {
            evidence.append("installed memory: \(Quantity.gib(total)) (limited by the container's cgroup)")
        }
        return [Self.kind.found(evidence: evidence)]
    }
}
