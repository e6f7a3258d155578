// Other local-AI tools already on the machine: their programs, services, ports and downloaded models.

public struct RuntimeFacts: Codable, Sendable, Equatable {
    /// Path of the `ollama` program, when on PATH.
    public var ollamaBinary: String?
    /// systemd unit file for the Ollama service.
    public var ollamaService: String?
    /// Something listens on TCP port 11434 (Ollama's default); nil: could not read /proc/net/tcp.
    public var port11434InUse: Bool?
    /// LM Studio's folder (`~/.lmstudio` or `~/.cache/lm-studio`).
    public var lmStudioPath: String?
    /// llama.cpp programs on PATH (`llama-cli`, `llama-server`).
    public var llamaCppBinaries: [String]
    /// Folders where other tools keep models, that exist and hold something.
    public var modelFolders: [ModelFolder]
    /// The Ollama service's settings from its unit and drop-ins; nil when there is no service.
    public var ollamaUnit: OllamaServiceFacts?
    /// Where Ollama keeps its models and the free space there; nil when Ollama is not installed.
    public var ollamaModels: OllamaModelsFacts?
    /// CUDA and ROCm runtimes that Ollama and torch carry with them; nil when none was found.
    public var bundledGPURuntimes: [BundledGPURuntime]?
    /// LM Studio's settings and the free space where it keeps models; nil when it is not installed.
    public var lmStudio: LMStudioFacts?
    /// llama.cpp servers set up as a service or running now, with their flags.
    public var llamaServers: [LlamaServerFacts]?

    public init(
        ollamaBinary: String? = nil, ollamaService: String? = nil, port11434InUse: Bool? = nil,
        lmStudioPath: String? = nil, llamaCppBinaries: [String] = [], modelFolders: [ModelFolder] = []
    ) {
        self.ollamaBinary = ollamaBinary
        self.ollamaService = ollamaService
        self.port11434InUse = port11434InUse
        self.lmStudioPath = lmStudioPath
        self.llamaCppBinaries = llamaCppBinaries
        self.modelFolders = modelFolders
    }
}

public struct ModelFolder: Codable, Sendable, Equatable {
    /// `ollama`, `lm-studio`, `huggingface`, `gpt4all`.
    public var tool: String
    public var path: String
    /// Entries directly inside it (a hint of how much is there).
    public var entries: Int

    public init(tool: String, path: String, entries: Int) {
        self.tool = tool
        self.path = path
        self.entries = entries
    }
}
