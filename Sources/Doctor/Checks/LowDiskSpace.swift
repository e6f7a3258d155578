// Finds too little free space where models are stored, and names what else on that disk holds
// models (Ollama's folder, with its unfinished downloads), since that is often what filled it.

import Probe

public struct LowDiskSpace: Check {
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
            var evidence = [
                "\(disk.purpose) folder: \(disk.path)",
                "free on \(disk.measuredPath ?? disk.path): \(Quantity.gib(free))",
            ]
            guard let ollama = facts.runtimes.ollamaModels, Self.sameDisk(disk, ollama) else {
                return Self.kind.found(evidence: evidence)
            }
            evidence.append("Ollama's models on the same disk: \(ollama.path) (\(ollama.reason))"
                + (ollama.readable == false ? "; only its owner can look inside" : ""))
            if let partial = ollama.partialDownloads, partial > 0 { evidence.append("unfinished Ollama downloads there: \(partial)") }
            let steps = [FixStep.manual("Ollama's models share this disk; they are often what filled it.")]
                + Self.ollamaCleanup(ollama) + Self.kind.fix!.everywhere
            return Self.kind.found(evidence: evidence, fix: Fix(everywhere: steps))
        }
    }

    /// Two measurements of one disk: the same size and free space, taken moments apart.
    static func sameDisk(_ disk: DiskFacts, _ ollama: OllamaModelsFacts) -> Bool {
        guard let total = disk.totalBytes, let free = disk.availableBytes else { return false }
        return total == ollama.totalBytes && free == ollama.availableBytes
    }

    /// Steps that give back the space Ollama's folder holds: what is there, unfinished downloads, models.
    static func ollamaCleanup(_ ollama: OllamaModelsFacts) -> [FixStep] {
        let sudo = ollama.forService ? "sudo " : ""
        var steps: [FixStep] = [.command("\(sudo)du -sh \(ollama.path)   # how much Ollama's models take")]
        if ollama.partialDownloads != 0 {
            steps.append(.command("\(sudo)find \(ollama.path)/blobs -name '*-partial*' -delete   # unfinished downloads"))
        }
        steps.append(.command("ollama list && ollama rm NAME   # remove models you no longer need"))
        return steps
    }
}
