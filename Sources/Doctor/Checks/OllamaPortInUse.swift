// Notes another model server already listening on port 11434 (Ollama's default).

import Probe

public struct OllamaPortInUse: Check {
    public let id = "runtime.port-11434-in-use"
    public let area = Area.runtimes

    static let kind = FindingKind(
        id: "runtime.port-11434-in-use", area: .runtimes, severity: .info,
        title: "Another AI server (probably Ollama) is running on port 11434",
        explanation: "A model server is already listening on port 11434. That is fine, but any model it has "
            + "loaded uses memory (and graphics memory) that Onramp's models then cannot use, so recommendations "
            + "may be tighter than the machine allows when it is idle.",
        fix: .steps(
            .command("ollama ps   # which models it has loaded"),
            .command("sudo systemctl stop ollama   # stop it while you use Onramp, if you like")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard facts.runtimes.port11434InUse == true else { return [] }
        var evidence = ["TCP port 11434: listening"]
        if let binary = facts.runtimes.ollamaBinary { evidence.append("ollama program: \(binary)") }
        if let service = facts.runtimes.ollamaService { evidence.append("ollama service: \(service)") }
        return [Self.kind.found(evidence: evidence)]
    }
}
