// Finds machines without swap and with modest memory: an oversized model gets killed outright.

import Probe

public struct NoSwap: Check {
    /// With this much memory or more, going without swap is a reasonable choice.
    static let plentyOfMemory: UInt64 = 16 * Quantity.gibibyte

    static let kind = FindingKind(
        id: "memory.no-swap", area: .memory, severity: .warning,
        title: "No swap space and less than 16 GiB of memory",
        explanation: "Without swap, a model that needs a little more memory than is free is killed by the "
            + "system (often with no message) instead of running a bit slower. A swap file gives headroom "
            + "for loading models and for your other programs.",
        fix: .steps(
            .command("sudo fallocate -l 8G /swapfile && sudo chmod 600 /swapfile"),
            .command("sudo mkswap /swapfile && sudo swapon /swapfile"),
            .command("echo '/swapfile none swap defaults 0 0' | sudo tee -a /etc/fstab"),
            .manual("On btrfs, create the file with `sudo btrfs filesystem mkswapfile --size 8G /swapfile` instead.")),
        advice: true)

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let swap = facts.memory.swapTotalBytes, swap == 0,
            let total = facts.memory.totalBytes, total < Self.plentyOfMemory
        else { return [] }
        // Inside a container or WSL the host decides about swap; the fix would not apply here.
        if facts.environment.container != nil || facts.environment.wsl != nil { return [] }
        return [Self.kind.found(evidence: ["swap: 0 bytes", "installed memory: \(Quantity.gib(total))"])]
    }
}
