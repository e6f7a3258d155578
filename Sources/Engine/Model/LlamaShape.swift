// The sizes the forward pass works with, taken once from the model's hyper-parameters so the
// hot loops read plain integers.

public struct LlamaShape: Sendable, Equatable {
    public var vocabulary: Int
    public var embedding: Int
    public var layers: Int
    public var heads: Int
    public var keyValueHeads: Int
    public var headSize: Int
    public var feedForward: Int
    public var contextLength: Int
    public var ropeDimensions: Int
    public var ropeFrequencyBase: Float
    /// 1 / the linear RoPE scaling factor (1 when unscaled).
    public var ropeFrequencyScale: Float
    public var rmsEpsilon: Float

    /// Floats in one position's keys (or values).
    public var keyValueWidth: Int { keyValueHeads * headSize }
    /// Query heads that share one key/value head (grouped-query attention).
    public var headsPerKeyValueHead: Int { heads / keyValueHeads }
}

extension LlamaShape {
    /// The sizes from a validated set of hyper-parameters; settings this engine cannot honour
    /// yet are refused here rather than silently ignored.
    public init(_ settings: LlamaHyperparameters) throws(ModelError) {
        guard settings.valueHeadDimension == settings.headDimension else {
            throw .invalidSetting("This model uses different key and value head sizes (\(settings.headDimension) and \(settings.valueHeadDimension)), which Onramp's engine does not support yet. Choose another model.")
        }
        let scale: Float
        switch settings.ropeScaling.kind {
        case .none: scale = 1
        case .linear: scale = 1 / settings.ropeScaling.factor
        case .yarn:
            throw .invalidSetting("This model stretches its context with YaRN RoPE scaling, which Onramp's engine does not support yet. Choose another model, or a version of it without extended context.")
        }
        self.init(
            vocabulary: settings.vocabularySize, embedding: settings.embeddingLength, layers: settings.blockCount,
            heads: settings.headCount, keyValueHeads: settings.headCountKV, headSize: settings.headDimension,
            feedForward: settings.feedForwardLength, contextLength: settings.contextLength,
            ropeDimensions: settings.ropeDimensionCount, ropeFrequencyBase: settings.ropeFrequencyBase,
            ropeFrequencyScale: scale, rmsEpsilon: settings.rmsNormEpsilon)
    }
}
