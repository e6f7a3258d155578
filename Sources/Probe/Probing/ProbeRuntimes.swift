// The other-tools area: Ollama, LM Studio, llama.cpp, and folders where tools keep downloaded models.

extension ProbeSession {
    func probeRuntimes() {
        var runtimes = RuntimeFacts()
        runtimes.ollamaBinary = findProgram("ollama")
        runtimes.ollamaService = [
            "/etc/systemd/system/ollama.service", "/usr/lib/systemd/system/ollama.service", "/lib/systemd/system/ollama.service",
        ].first(where: exists)
        let tables = ["/proc/net/tcp", "/proc/net/tcp6"].compactMap(text)
        if !tables.isEmpty {
            runtimes.port11434InUse = tables.contains { ListeningPortsReader.listeningPorts($0).contains(11434) }
        }
        if let home {
            runtimes.lmStudioPath = [home + "/.lmstudio", home + "/.cache/lm-studio"].first(where: exists)
        }
        runtimes.llamaCppBinaries = ["llama-cli", "llama-server", "llama-run"].compactMap(findProgram)
        runtimes.modelFolders = modelFolderCandidates().compactMap { tool, path in
            guard let entries = source.listDirectory(path), !entries.isEmpty else { return nil }
            return ModelFolder(tool: tool, path: path, entries: entries.count)
        }
        probeOllama(&runtimes)
        probeBundledRuntimes(&runtimes)
        probeLMStudio(&runtimes)
        probeLlamaServers(&runtimes)
        facts.runtimes = runtimes
        probeContainerHost()
    }

    private func modelFolderCandidates() -> [(String, String)] {
        var candidates: [(String, String)] = []
        if let ollama = source.environment("OLLAMA_MODELS"), ollama.hasPrefix("/") { candidates.append(("ollama", ollama)) }
        let huggingFace = source.environment("HF_HOME").map { $0 + "/hub" }
            ?? source.environment("XDG_CACHE_HOME").map { $0 + "/huggingface/hub" }
        if let huggingFace { candidates.append(("huggingface", huggingFace)) }
        if let home {
            candidates += [
                ("ollama", home + "/.ollama/models"),
                ("lm-studio", home + "/.lmstudio/models"),
                ("lm-studio", home + "/.cache/lm-studio/models"),
                ("gpt4all", home + "/.local/share/nomic.ai/GPT4All"),
            ]
            if huggingFace == nil { candidates.append(("huggingface", home + "/.cache/huggingface/hub")) }
        }
        candidates.append(("ollama", "/usr/share/ollama/.ollama/models"))
        return candidates
    }
}
