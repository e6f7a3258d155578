// Finds a llama.cpp server (a systemd service or a running llama-server) told to load a model file
// that is not there: the service fails at every start ("failed to load model"), often after the
// model was moved, renamed or deleted to make room.

import Probe

public struct LlamaServerModelMissing: Check {
    static let kind = FindingKind(
        id: "runtimes.llama-server-model-missing", area: .runtimes, severity: .warning,
        title: "A llama.cpp server is set to load a model file that does not exist",
        explanation: "llama-server loads the file given with -m (--model) when it starts. When that file was "
            + "moved, renamed or deleted, the server stops at once with \"failed to load model\".",
        fix: .steps(
            .manual("Put the model file back, or point -m at the file you have: for a service, `sudo systemctl edit --full NAME` "
                + "(the service named above) and change the path in ExecStart=, then `sudo systemctl restart NAME`.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        (facts.runtimes.llamaServers ?? []).filter { $0.modelExists == false }.map { server in
            Self.kind.found(evidence: [
                "llama-server (\(server.origin)): -m \(server.modelPath ?? "?")",
                "that file does not exist",
            ])
        }
    }
}
