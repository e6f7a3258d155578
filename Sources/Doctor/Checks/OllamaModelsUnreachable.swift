// Finds the Ollama service pointed (OLLAMA_MODELS) at a folder it cannot reach: a folder on the way
// is closed to other users (a home folder is 0750 or 0700 on most distributions, a fresh mount point
// may be 0700), or the unit hides /home from the service (ProtectHome=yes). The service then stops
// at start with "mkdir …: permission denied" and Ollama is simply not running.

import Probe

public struct OllamaModelsUnreachable: Check {
    static let kind = FindingKind(
        id: "runtimes.ollama-models-unreachable", area: .runtimes, severity: .error,
        title: "The Ollama service cannot reach the folder set in OLLAMA_MODELS",
        explanation: "The Ollama service runs as its own user (ollama), not as you. To use a models folder it must be "
            + "allowed to pass through every folder above it; a home folder usually lets only its owner in. "
            + "Ollama then fails at start with \"mkdir …: permission denied\".",
        fix: .steps(
            .manual("Keep Ollama's models in a folder of their own that the ollama user owns, outside your home, "
                + "and point OLLAMA_MODELS there (`sudo systemctl edit ollama`), or let others pass through the closed "
                + "folder with `chmod o+x`.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let models = facts.runtimes.ollamaModels, models.forService,
            let unit = facts.runtimes.ollamaUnit, let folder = unit.value(of: "OLLAMA_MODELS")
        else { return [] }
        let user = unit.user ?? "ollama"
        let hidesHome = ["yes", "true", "read-only", "tmpfs"].contains(unit.protectHome?.lowercased() ?? "")
            && (folder.hasPrefix("/home/") || folder.hasPrefix("/root/") || folder.hasPrefix("/run/user/"))
        guard hidesHome || models.closedFolder != nil else { return [] }
        var evidence = ["OLLAMA_MODELS for the service: \(folder)", "the service runs as: \(user)"]
        if let closed = models.closedFolder {
            evidence.append("\(closed): mode \(models.closedFolderMode ?? "?"), so \(user) may not pass through it")
        }
        if hidesHome { evidence.append("ProtectHome=\(unit.protectHome ?? "") in the service: /home is hidden from it") }
        return [Self.kind.found(evidence: evidence, fix: fix(folder: folder, user: user, closed: models.closedFolder, hidesHome: hidesHome))]
    }

    private func fix(folder: String, user: String, closed: String?, hidesHome: Bool) -> Fix {
        let restart = FixStep.command("sudo systemctl daemon-reload && sudo systemctl restart ollama")
        let isHome = closed.map { $0.split(separator: "/").count == 2 && ($0.hasPrefix("/home/") || $0 == "/root") } ?? false
        if let closed, !isHome, !hidesHome {
            // A mount point or data folder: open it for passing through and give the models folder to the service.
            return .steps(
                .command("sudo chmod o+x \(closed)   # others may pass through, not list it"),
                .command("sudo mkdir -p \(folder) && sudo chown -R \(user):\(user) \(folder)"),
                restart)
        }
        let target = hidesHome ? "/srv/ollama-models" : "/home/ollama-models"
        var steps: [FixStep] = [
            .manual("Give Ollama a folder of its own\(hidesHome ? " outside /home (the service cannot see /home)" : ", not inside your home"):"),
            .command("sudo mkdir -p \(target) && sudo chown \(user):\(user) \(target)"),
            .command("sudo mkdir -p /etc/systemd/system/ollama.service.d && printf '[Service]\\nEnvironment=\"OLLAMA_MODELS=\(target)\"\\n' "
                + "| sudo tee /etc/systemd/system/ollama.service.d/models.conf"),
            restart,
            .manual("Models already in \(folder) can be moved there with `sudo mv`, then `sudo chown -R \(user):\(user) \(target)`."),
        ]
        if let closed, !hidesHome {
            steps.append(.manual("Or keep the folder and let other users pass through \(closed) (they still cannot list it): `chmod o+x \(closed)`."))
        }
        return Fix(everywhere: steps)
    }
}
