// One downloadable GGUF file of a catalog model: where it is and exactly how big it is.

public struct ModelFile: Codable, Sendable, Equatable {
    /// llama.cpp's name for the quantisation (`Q4_K_M`, `Q8_0`).
    public var quantization: String
    /// Hugging Face repository (`bartowski/Llama-3.2-1B-Instruct-GGUF`).
    public var repository: String
    public var fileName: String
    /// Exact size in bytes, as the host serves it (checked after download).
    public var sizeBytes: Int64
    /// The repository commit the size (and hash) was read at, when known.
    public var revision: String?
    /// SHA-256 of the file, when known.
    public var sha256: String?
    /// Weights of the transformer blocks' matrices by GGML type name (`Q4_K`: 123456), read from
    /// the file's own header; nil for a catalog entry, whose quantisation stands for the usual
    /// mixture (`WeightMix`).
    public var blockWeightTypes: [String: Int64]?
    /// The GGML type of the matrix that turns the last hidden state into scores for every token
    /// (the embedding table when the two are tied), read from the file's own header.
    public var outputWeightType: String?

    public init(
        quantization: String, repository: String, fileName: String, sizeBytes: Int64, revision: String? = nil,
        sha256: String? = nil, blockWeightTypes: [String: Int64]? = nil,
        outputWeightType: String? = nil
    ) {
        self.quantization = quantization
        self.repository = repository
        self.fileName = fileName
        self.sizeBytes = sizeBytes
        self.revision = revision
        self.sha256 = sha256
        self.blockWeightTypes = blockWeightTypes
        self.outputWeightType = outputWeightType
    }

    /// Where to download it from (the pinned revision when there is one).
    public var downloadURL: String {
        "https://huggingface.co/\(repository)/resolve/\(revision ?? "main")/\(fileName)"
    }

    /// Nominal bits per weight of the quantisation, for sanity checks and ordering; nil when unknown.
    public var nominalBitsPerWeight: Double? {
        switch quantization {
        case "Q4_0": 4.5
        case "Q4_1": 5.0
        case "Q4_K_S": 4.58
        case "Q4_K_M": 4.85
        case "Q5_0": 5.5
        case "Q5_1": 6.0
        case "Q5_K_S": 5.54
        case "Q5_K_M": 5.69
        case "Q6_K": 6.56
        case "Q8_0": 8.5
        case "F16", "BF16": 16
        default: nil
        }
    }
}
