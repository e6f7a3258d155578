// The other programs whose downloaded models Onramp can find and reuse, and where each keeps them
// (worked out from the home folder and the environment, without touching the disk).

public enum OtherTool: String, Codable, Sendable, CaseIterable {
    case ollama
    case lmStudio = "lm-studio"
    case huggingFace = "hugging-face"
    case llamaCpp = "llama.cpp"
    case gpt4all
    case downloads

    public var displayName: String {
        switch self {
        case .ollama: "Ollama"
        case .lmStudio: "LM Studio"
        case .huggingFace: "Hugging Face cache"
        case .llamaCpp: "llama.cpp cache"
        case .gpt4all: "GPT4All"
        case .downloads: "Downloads folder"
        }
    }

    /// Folders this tool may keep models in, most specific first. Variables that a tool reads
    /// itself (OLLAMA_MODELS, HF_HUB_CACHE, HF_HOME, LLAMA_CACHE, XDG_*) are honoured as it does.
    public func folders(home: String, environment: [String: String]) -> [String] {
        func variable(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let cache = variable("XDG_CACHE_HOME") ?? home + "/.cache"
        let data = variable("XDG_DATA_HOME") ?? home + "/.local/share"
        switch self {
        case .ollama:
            // The Linux installer runs Ollama as its own user, whose home is /usr/share/ollama.
            return [variable("OLLAMA_MODELS"), home + "/.ollama/models", "/usr/share/ollama/.ollama/models"].compactMap { $0 }
        case .lmStudio:
            return [home + "/.lmstudio/models", home + "/.cache/lm-studio/models"]
        case .huggingFace:
            if let hub = variable("HF_HUB_CACHE") { return [hub] }
            if let hfHome = variable("HF_HOME") { return [hfHome + "/hub"] }
            return [cache + "/huggingface/hub"]
        case .llamaCpp:
            return [variable("LLAMA_CACHE") ?? cache + "/llama.cpp"]
        case .gpt4all:
            return [data + "/nomic.ai/GPT4All"]
        case .downloads:
            return [home + "/Downloads"]
        }
    }
}
