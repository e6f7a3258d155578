// LM Studio and llama.cpp's server as other runtimes: where LM Studio keeps models (its settings can
// move them to another disk) with the free space there, and how a llama-server is started (a
// systemd unit's ExecStart, or a running process's command line): model, port, GPU layers.

extension ProbeSession {
    /// Units are looked for by name, so a capture records only these, not every service on the machine.
    static let llamaUnitFolders = ["/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"]

    func probeLMStudio(_ runtimes: inout RuntimeFacts) {
        guard let home = runtimes.lmStudioPath else { return }
        var lmStudio: LMStudioFacts
        if let settings = text(home + "/settings.json"), let folder = LMStudioSettingsReader.downloadsFolder(settings) {
            lmStudio = LMStudioFacts(home: home, modelsFolder: folder, reason: "downloadsFolder in its settings.json")
        } else {
            lmStudio = LMStudioFacts(home: home, modelsFolder: home + "/models", reason: "its default")
        }
        lmStudio.serverPort = text(home + "/.internal/http-server-config.json").flatMap(LMStudioSettingsReader.serverPort)
        if let space = nearestVolume(lmStudio.modelsFolder) {
            lmStudio.measuredPath = space.path
            lmStudio.totalBytes = space.totalBytes
            lmStudio.availableBytes = space.availableBytes
        }
        runtimes.lmStudio = lmStudio
    }

    func probeLlamaServers(_ runtimes: inout RuntimeFacts) {
        var servers: [LlamaServerFacts] = []
        var unitFolders = Self.llamaUnitFolders
        if let home { unitFolders.append(home + "/.config/systemd/user") }
        for folder in unitFolders {
            for name in (source.listDirectory(folder) ?? []).sorted() where name.hasSuffix(".service") && name.lowercased().contains("llama") {
                guard let unit = text(folder + "/" + name),
                      let start = SystemdUnitReader.serviceValues(of: "ExecStart", in: unit).last else { continue }
                // `ExecStart=-/path` and `@` prefixes tell systemd how to run it; the program follows.
                var words = SystemdUnitReader.words(start)
                if let first = words.first { words[0] = String(first.drop { "-@:+!".contains($0) }) }
                guard LlamaServerArgsReader.startsServer(words) else { continue }
                servers.append(LlamaServerArgsReader.read(words, origin: "service " + folder + "/" + name))
            }
        }
        // Only asked where llama.cpp is installed or set up as a service: pgrep is another process to start.
        if !runtimes.llamaCppBinaries.isEmpty || !servers.isEmpty,
           let result = runTool("pgrep", ["-a", "llama-server"], normalStatuses: [0, 1]), result.outcome == .exited {
            for words in LlamaServerArgsReader.processCommandLines(result.stdout) where LlamaServerArgsReader.startsServer(words) {
                servers.append(LlamaServerArgsReader.read(words, origin: "running process"))
            }
        }
        for index in servers.indices {
            guard let model = servers[index].modelPath, model.hasPrefix("/") else { continue }
            switch source.fileInfo(model)?.kind {
            case .file?, .link?: servers[index].modelExists = true
            case .unreadable?: servers[index].modelExists = nil
            default: servers[index].modelExists = false
            }
        }
        runtimes.llamaServers = servers.isEmpty ? nil : servers
    }
}
