// Finds containers whose memory limit is far below the machine's memory: models sized for the
// machine would be killed.

import Probe

public struct CgroupMemoryLimit: Check {
    public let id = "memory.cgroup-limit"
    public let area = Area.memory

    static let kind = FindingKind(
        id: "memory.cgroup-limit", area: .memory, severity: .warning,
        title: "This container may use much less memory than the computer has",
        explanation: "A memory limit (cgroup) below half of the installed memory applies to this "
            + "program. Tools that look only at the installed memory pick models that are then killed "
            + "when they pass the limit. Onramp sizes models to the limit; raise it to run bigger ones.",
        fix: .steps(
            .command("docker run --memory=16g ...   # or: docker update --memory=16g --memory-swap=16g CONTAINER"),
            .manual("With Podman use --memory; in Kubernetes raise resources.limits.memory; "
                + "for a systemd service set MemoryMax=.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let limit = facts.memory.cgroup?.memoryLimit?.value, let total = facts.memory.totalBytes,
            total > 0
        else { return [] }
        guard limit < total / 2 else { return [] }
        var evidence = [
            "cgroup memory limit: \(Quantity.gib(limit))",
            "installed memory: \(Quantity.gib(total))",
        ]
        if let path = facts.memory.cgroup?.path { evidence.append("cgroup: \(path)") }
        return [Self.kind.found(evidence: evidence)]
    }
}
