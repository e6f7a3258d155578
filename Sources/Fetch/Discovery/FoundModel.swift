// A GGUF file another program downloaded: which program, the name it uses, where the bytes are,
// and the sha256 that program's own naming promises (an Ollama digest, a Hugging Face blob name).

public struct FoundModel: Equatable, Sendable {
    public let tool: OtherTool
    /// The name people know it by in that program (`llama3.2:1b`, `bartowski/Llama-3.2-1B-Instruct-GGUF/…`).
    public let name: String
    /// The file itself, links resolved.
    public let path: String
    public let sizeBytes: Int64
    /// The sha256 the program's layout records for the file, checked before it is imported.
    public let expectedSHA256: String?
    /// `general.architecture`, when the file is a readable GGUF.
    public let architecture: String?
    /// Why the file cannot be used (not GGUF, damaged), in words; nil when it can.
    public let problem: String?

    public init(
        tool: OtherTool, name: String, path: String, sizeBytes: Int64, expectedSHA256: String?, architecture: String?,
        problem: String?
    ) {
        self.tool = tool
        self.name = name
        self.path = path
        self.sizeBytes = sizeBytes
        self.expectedSHA256 = expectedSHA256
        self.architecture = architecture
        self.problem = problem
    }

    /// The file name, for matching against the catalog's files.
    public var fileName: String { String(path.split(separator: "/").last ?? "") }
}
