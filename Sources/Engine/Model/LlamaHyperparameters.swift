// The sizes and constants of a llama-family model (SmolLM2, Llama 3.x, Mistral, TinyLlama),
// read from GGUF metadata, checked for sense, and checked against the tensors in the file.

public struct LlamaHyperparameters: Sendable, Equatable {
    /// How positions are stretched beyond the trained context, from `rope.scaling.*`.
    public struct RopeScaling: Sendable, Equatable {
        public enum Kind: String, Sendable { case none, linear, yarn }
        public let kind: Kind
        public let factor: Float
        /// The context length the model was trained with before scaling (0 when not given).
        public let originalContextLength: Int
    }

    public static let supportedArchitectures: Set<String> = ["llama"]
    /// Far above any real model; keeps later size arithmetic clear of overflow.
    static let sizeLimit = 1 << 24

    public let architecture: String
    public let vocabularySize: Int
    public let contextLength: Int
    public let embeddingLength: Int
    public let blockCount: Int
    public let feedForwardLength: Int
    public let headCount: Int
    public let headCountKV: Int
    /// Elements per attention head for queries and keys (`attention.key_length`, else embedding / heads).
    public let headDimension: Int
    /// Elements per attention head for values (`attention.value_length`, else `headDimension`).
    public let valueHeadDimension: Int
    /// How many elements of each head RoPE rotates (`rope.dimension_count`, else `headDimension`).
    public let ropeDimensionCount: Int
    public let rmsNormEpsilon: Float
    public let ropeFrequencyBase: Float
    public let ropeScaling: RopeScaling
    /// True when the file has no `output.weight`, so the token embedding doubles as the output layer.
    public let tiedEmbeddings: Bool

    /// Reads and checks the settings, then checks that every tensor the model needs is present
    /// with the shape and type those settings imply.
    public init(file: GGUFFile) throws(GGUFError) {
        let metadata = file.metadata
        let name = file.displayName
        let architecture = try metadata.string("general.architecture")
        guard Self.supportedArchitectures.contains(architecture) else {
            throw GGUFError(.unsupportedArchitecture, "\(name) is a '\(architecture)' model; Onramp can run llama-family models (SmolLM2, Llama 3, Mistral, TinyLlama) so far. Choose one of those, or wait for a release that supports \(architecture).")
        }
        let reader = SettingReader(metadata: metadata, prefix: architecture + ".", fileName: name)
        self.architecture = architecture
        embeddingLength = try reader.size("embedding_length")
        blockCount = try reader.size("block_count")
        feedForwardLength = try reader.size("feed_forward_length")
        contextLength = try reader.size("context_length")
        headCount = try reader.size("attention.head_count")
        headCountKV = try reader.size("attention.head_count_kv", default: headCount)
        guard headCount % headCountKV == 0 else {
            throw reader.inconsistent("the \(headCount) attention heads cannot be shared evenly among \(headCountKV) key/value heads")
        }
        if let keyLength = try reader.sizeIfPresent("attention.key_length") {
            headDimension = keyLength
        } else {
            guard embeddingLength % headCount == 0 else {
                throw reader.inconsistent("the embedding length \(embeddingLength) is not a multiple of the \(headCount) attention heads")
            }
            headDimension = embeddingLength / headCount
        }
        valueHeadDimension = try reader.size("attention.value_length", default: headDimension)
        ropeDimensionCount = try reader.size("rope.dimension_count", default: headDimension)
        guard ropeDimensionCount <= headDimension, ropeDimensionCount % 2 == 0 else {
            throw reader.inconsistent("RoPE should rotate an even number of elements, at most the head size \(headDimension), but 'rope.dimension_count' is \(ropeDimensionCount)")
        }
        rmsNormEpsilon = try reader.positiveFloat("attention.layer_norm_rms_epsilon")
        ropeFrequencyBase = try reader.positiveFloat("rope.freq_base", default: 10_000)
        ropeScaling = try reader.ropeScaling()
        let tokens = try metadata.stringArray("tokenizer.ggml.tokens")
        vocabularySize = tokens.count
        if let declared = try metadata.integerIfPresent(architecture + ".vocab_size"), declared != tokens.count {
            throw GGUFError(.vocabularyMismatch, "\(name): setting '\(architecture).vocab_size' says \(ByteCountText.count(declared)) tokens, but the tokenizer lists \(ByteCountText.count(tokens.count)). \(GGUFError.damagedAdvice)")
        }
        tiedEmbeddings = file.tensor(named: "output.weight") == nil
        _ = try LlamaTensorSet(file: file, hyperparameters: self)
    }
}

/// Reads `<architecture>.<key>` settings with the checks every size and constant needs.
private struct SettingReader {
    let metadata: GGUFMetadata
    let prefix: String
    let fileName: String

    func sizeIfPresent(_ key: String) throws(GGUFError) -> Int? {
        guard let value = try metadata.integerIfPresent(prefix + key) else { return nil }
        guard value > 0, value <= LlamaHyperparameters.sizeLimit else {
            throw GGUFError(.badMetadataValue, "\(fileName): setting '\(prefix + key)' is \(ByteCountText.count(value)), outside the sensible range 1 to \(ByteCountText.count(LlamaHyperparameters.sizeLimit)). \(GGUFError.damagedAdvice)")
        }
        return value
    }

    func size(_ key: String) throws(GGUFError) -> Int {
        guard let value = try sizeIfPresent(key) else { return try metadata.integer(prefix + key) }
        return value
    }

    func size(_ key: String, default fallback: Int) throws(GGUFError) -> Int {
        try sizeIfPresent(key) ?? fallback
    }

    func positiveFloat(_ key: String, default fallback: Float? = nil) throws(GGUFError) -> Float {
        let found = try metadata.floatIfPresent(prefix + key)
        guard let value = found ?? fallback else { return try metadata.float(prefix + key) }
        guard value.isFinite, value > 0 else {
            throw GGUFError(.badMetadataValue, "\(fileName): setting '\(prefix + key)' is \(value), but it must be a positive number. \(GGUFError.damagedAdvice)")
        }
        return value
    }

    func ropeScaling() throws(GGUFError) -> LlamaHyperparameters.RopeScaling {
        let original = try size("rope.scaling.original_context_length", default: 0)
        if let legacy = try metadata.floatIfPresent(prefix + "rope.scale_linear"), legacy != 1 {
            return .init(kind: .linear, factor: try positiveFloat("rope.scale_linear"), originalContextLength: original)
        }
        let typeName = try metadata.stringIfPresent(prefix + "rope.scaling.type") ?? "none"
        guard let kind = LlamaHyperparameters.RopeScaling.Kind(rawValue: typeName) else {
            throw GGUFError(.badMetadataValue, "\(fileName): RoPE scaling type '\(typeName)' is not one Onramp knows (none, linear, yarn). Choose another file of this model.")
        }
        let factor = kind == .none ? 1 : try positiveFloat("rope.scaling.factor", default: 1)
        return .init(kind: kind, factor: factor, originalContextLength: original)
    }

    func inconsistent(_ what: String) -> GGUFError {
        GGUFError(.badMetadataValue, "\(fileName): \(what). The model's settings contradict each other; the file was converted wrongly. Download another GGUF of this model.")
    }
}
