// Notes models other tools already downloaded: Onramp can reuse them instead of downloading again.

import Probe

public struct ModelsFromOtherTools: Check {
    static let kind = FindingKind(
        id: "models.found-from-other-tools", area: .runtimes, severity: .info,
        title: "Models from other tools are already on this computer",
        explanation: "Ollama, LM Studio, the Hugging Face cache or GPT4All already hold model files. Onramp can "
            + "use GGUF files from there without downloading them again, which saves time and disk space.",
        fix: .steps(.manual("Nothing to fix. To use one of these files, give its path to Onramp, "
            + "e.g. `onramp run PATH/TO/MODEL.gguf -p \"Hello\"`: no second download is needed.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let folders = facts.runtimes.modelFolders.filter { $0.entries > 0 }
        guard !folders.isEmpty else { return [] }
        return [Self.kind.found(evidence: folders.map { "\($0.tool): \($0.path) (\($0.entries) entries)" })]
    }
}
