// The sizes and constants of a model, read from GGUF metadata under its architecture's prefix
// and checked for sense; `ModelWeights` then checks the tensors against them.

struct ModelHyperparameters: Sendable, Equatable {
    /// How positions are stretched beyond the trained context, from `rope.scaling.*`.
    struct RopeScaling: Sendable, Equatable {
        enum Kind: String, Sendable { case none, linear, yarn }
        let kind: Kind
        let factor: Float
        /// The context length the model was trained with before scaling (0 when not given).
        let originalContextLength: Int
    }

    /// The architectures the engine runs, by their GGUF name (from `ModelArchitecture.all`).
    static var supportedArchitectures: Set<String> { ModelArchitecture.supportedNames }
    /// Far above any real model; keeps later size arithmetic clear of overflow.
    static let sizeLimit = 1 << 24

    let architecture: String
    /// What this architecture does differently from the plain llama decoder.
    let traits: ModelArchitecture
    let vocabularySize: Int
    let contextLength: Int
    let embeddingLength: Int
    let blockCount: Int
    let feedForwardLength: Int
    let headCount: Int
    let headCountKV: Int
    /// Elements per attention head for queries and keys (`attention.key_length`, else embedding / heads).
    let headDimension: Int
    /// Elements per attention head for values (`attention.value_length`, else `headDimension`).
    let valueHeadDimension: Int
    /// How many elements of each head RoPE rotates (`rope.dimension_count`, else `headDimension`).
    let ropeDimensionCount: Int
    let rmsNormEpsilon: Float
    let ropeFrequencyBase: Float
    let ropeScaling: RopeScaling
    /// Positions a sliding-window layer sees (`attention.sliding_window`), when the
    /// architecture has such layers.
    let slidingWindow: Int?
    /// Every this-many-th layer attends globally; the others use the sliding window.
    let slidingWindowPattern: Int

    /// Reads and checks the settings of a supported architecture; the tensors are checked
    /// against them by `ModelWeights`.
    init(file: GGUFFile) throws(GGUFError) {
        var tokens: [String] = []
        try self.init(file: file, readTokens: &tokens)
    }

    /// The same, handing back the file's token list (`tokenizer.ggml.tokens`), which it reads
    /// where its checks come to the vocabulary size: a whole-model load gives that list to the
    /// tokenizer, so the list is read once per load and problems are reported in the same order.
    init(file: GGUFFile, readTokens tokens: inout [String]) throws(GGUFError) {
        let metadata = file.metadata
        let name = file.displayName
        let architecture = try metadata.string("general.architecture")
        guard let traits = ModelArchitecture.named(architecture) else {
            throw GGUFError(.unsupportedArchitecture, "\(name) is a '\(architecture)' model; Onramp's engine runs \(ModelArchitecture.supportedSummary). Choose a model of one of those kinds, or wait for a release that supports \(architecture).")
        }
        self.traits = traits
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
        tokens = try metadata.stringArray(TokenizerVocabulary.tokensKey)
        vocabularySize = tokens.count
        if let declared = try metadata.integerIfPresent(architecture + ".vocab_size"), declared != tokens.count {
            throw GGUFError(.vocabularyMismatch, "\(name): setting '\(architecture).vocab_size' says \(ByteCountText.count(declared)) tokens, but the tokenizer lists \(ByteCountText.count(tokens.count)). \(GGUFError.damagedAdvice)")
        }
        if let rule = traits.slidingWindow {
            slidingWindow = try reader.size("attention.sliding_window")
            // llama.cpp fixes the pattern per architecture rather than reading it from the file.
            slidingWindowPattern = rule.pattern
        } else {
            slidingWindow = nil
            slidingWindowPattern = 1
        }
    }

    /// True when layer `index` attends only to the last `slidingWindow` positions
    /// (llama.cpp's rule: every `slidingWindowPattern`-th layer is global).
    func usesSlidingWindow(layer index: Int) -> Bool {
        slidingWindow != nil && slidingWindowPattern > 1 && index % slidingWindowPattern < slidingWindowPattern - 1
    }
}

/// Reads `<architecture>.<key>` settings with the checks every size and constant needs.
private struct SettingReader {
    let metadata: GGUFMetadata
    let prefix: String
    let fileName: String

    func sizeIfPresent(_ key: String) throws(GGUFError) -> Int? {
        guard let value = try metadata.integerIfPresent(prefix + key) else { return nil }
        guard value > 0, value <= ModelHyperparameters.sizeLimit else {
            throw GGUFError(.badMetadataValue, "\(fileName): setting '\(prefix + key)' is \(ByteCountText.count(value)), outside the sensible range 1 to \(ByteCountText.count(ModelHyperparameters.sizeLimit)). \(GGUFError.damagedAdvice)")
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

    func ropeScaling() throws(GGUFError) -> ModelHyperparameters.RopeScaling {
        let original = try size("rope.scaling.original_context_length", default: 0)
        if let legacy = try metadata.floatIfPresent(prefix + "rope.scale_linear"), legacy != 1 {
            return .init(kind: .linear, factor: try positiveFloat("rope.scale_linear"), originalContextLength: original)
        }
        let typeName = try metadata.stringIfPresent(prefix + "rope.scaling.type") ?? "none"
        guard let kind = ModelHyperparameters.RopeScaling.Kind(rawValue: typeName) else {
            throw GGUFError(.badMetadataValue, "\(fileName): RoPE scaling type '\(typeName)' is not one Onramp knows (none, linear, yarn). Choose another file of this model.")
        }
        let factor = kind == .none ? 1 : try positiveFloat("rope.scaling.factor", default: 1)
        return .init(kind: kind, factor: factor, originalContextLength: original)
    }

    func inconsistent(_ what: String) -> GGUFError {
        GGUFError(.badMetadataValue, "\(fileName): \(what). The model's settings contradict each other; the file was converted wrongly. Download another GGUF of this model.")
    }
}
