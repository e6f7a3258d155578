// Finds Ollama keeping its models on a nearly full disk (often the root file system, while the
// big partition is /home): its downloads fail with "no space left on device" however much room
// Onramp's own folder has.

import Probe

public struct OllamaModelsLowSpace: Check {
    static let kind = FindingKind(
        id: "runtimes.ollama-models-low-space", area: .runtimes, severity: .warning,
        title: "Ollama keeps its models on a disk with less than 10 GiB free",
        explanation: "Ollama downloads every model into one folder. When the disk holding that folder is "
            + "nearly full, `ollama pull` and `ollama run` stop with \"no space left on device\", even when "
            + "another disk has plenty of room. Point Ollama at a folder on a disk with space.",
        fix: .steps(
            .manual("For the Ollama service: make a folder on a disk with room, owned by the ollama user, and "
                + "set OLLAMA_MODELS for the service (`sudo systemctl edit ollama`, add "
                + "`Environment=\"OLLAMA_MODELS=/path/with/room\"` under [Service]), then `sudo systemctl restart ollama`."),
            .manual("Ollama started by hand: `export OLLAMA_MODELS=/path/with/room` in ~/.profile.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let models = facts.runtimes.ollamaModels, let free = models.availableBytes,
            free < LowDiskSpace.comfortable
        else { return [] }
        // The same disk as Onramp's folder: disk.low-space says it once, naming Ollama's folder.
        if facts.disks.contains(where: { LowDiskSpace.sameDisk($0, models) && ($0.availableBytes ?? .max) < LowDiskSpace.comfortable }) {
            return []
        }
        var evidence = [
            "Ollama's models folder: \(models.path) (\(models.reason))",
            "free on \(models.measuredPath ?? models.path): \(Quantity.gib(free))"
                + (models.totalBytes.map { " of \(Quantity.gib($0))" } ?? ""),
        ]
        if let partial = models.partialDownloads, partial > 0 { evidence.append("unfinished downloads there: \(partial)") }
        for ignored in facts.runtimes.ollamaUnit?.ignoredSettings ?? [] {
            evidence.append("ignored by systemd (outside [Service]): \(ignored)")
        }
        let roomy = facts.disks.first { disk in
            (disk.availableBytes ?? 0) > free && !LowDiskSpace.sameDisk(disk, models)
        }
        if let roomy, let room = roomy.availableBytes {
            evidence.append("free on \(roomy.measuredPath ?? roomy.path) (Onramp's models): \(Quantity.gib(room))")
        }
        return [Self.kind.found(evidence: evidence, fix: fix(models, roomy: roomy, unit: facts.runtimes.ollamaUnit))]
    }

    private func fix(_ models: OllamaModelsFacts, roomy: DiskFacts?, unit: OllamaServiceFacts?) -> Fix {
        let onHome = (roomy?.measuredPath ?? roomy?.path)?.hasPrefix("/home/") == true
        let target = onHome ? "/home/ollama-models" : "/BIGDISK/ollama-models"
        var steps: [FixStep] = []
        if !onHome {
            steps.append(.manual("Choose a disk with room (`df -h` lists them) and use a folder on it in place of /BIGDISK/ollama-models below."))
        }
        // A drop-in that already sets OLLAMA_MODELS but lacks its [Service] line: systemd ignores it.
        if let ignored = unit?.ignoredSettings?.first(where: { $0.hasSuffix(": OLLAMA_MODELS") }) {
            let file = String(ignored.dropLast(": OLLAMA_MODELS".count))
            return .steps(
                .manual("You already set OLLAMA_MODELS in \(file), but that file has no [Service] line above it, "
                    + "so systemd ignores the setting. Add the line:"),
                .command("sudo sed -i '1i [Service]' \(file)"),
                .command("sudo systemctl daemon-reload && sudo systemctl restart ollama"))
        }
        if models.forService {
            let user = unit?.user ?? "ollama"
            steps += [
                .command("sudo mkdir -p \(target) && sudo chown \(user):\(user) \(target)"),
                .command("sudo mkdir -p /etc/systemd/system/ollama.service.d && printf '[Service]\\nEnvironment=\"OLLAMA_MODELS=\(target)\"\\n' "
                    + "| sudo tee /etc/systemd/system/ollama.service.d/models.conf"),
                .command("sudo systemctl daemon-reload && sudo systemctl restart ollama"),
            ]
        } else {
            steps += [
                .command("mkdir -p \(target) && echo 'export OLLAMA_MODELS=\(target)' >> ~/.profile"),
                .manual("Log out and in (or `source ~/.profile`), then start Ollama again."),
            ]
        }
        steps.append(contentsOf: LowDiskSpace.ollamaCleanup(models))
        return Fix(everywhere: steps)
    }
}
