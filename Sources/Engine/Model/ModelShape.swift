// The sizes and switches the forward pass works with, taken once from the model's
// hyper-parameters and architecture so the hot loops read plain values.

public struct ModelShape: Sendable {
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
    public var ropeStyle: ModelArchitecture.RopeStyle
    public var activation: ModelArchitecture.Activation
    public var queryScaling: ModelArchitecture.QueryScaling
    /// The attention's scale, 1/√d.
    public var attentionScale: Float
    /// Multiplies the token embeddings (√width for Gemma), or nil.
    public var embeddingScale: Float?
    /// Positions a sliding-window layer sees, and which layers use it.
    public var slidingWindow: Int?
    public var slidingWindowLayers: Set<Int>
    /// The RoPE base of the sliding-window layers.
    public var localRopeFrequencyBase: Float

    /// Floats in one position's keys (or values).
    public var keyValueWidth: Int { keyValueHeads * headSize }
    /// Floats in one position's queries.
    public var queryWidth: Int { heads * headSize }
    /// Query heads that share one key/value head (grouped-query attention).
    public var headsPerKeyValueHead: Int { heads / keyValueHeads }
}

extension ModelShape {
    /// The sizes from a validated set of hyper-parameters; settings this engine cannot honour
    /// yet are refused here rather than silently ignored.
    init(_ settings: ModelHyperparameters) throws(ModelError) {
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
        let traits = settings.traits
        self.init(
            vocabulary: settings.vocabularySize, embedding: settings.embeddingLength, layers: settings.blockCount,
            heads: settings.headCount, keyValueHeads: settings.headCountKV, headSize: settings.headDimension,
            feedForward: settings.feedForwardLength, contextLength: settings.contextLength,
            ropeDimensions: settings.ropeDimensionCount, ropeFrequencyBase: settings.ropeFrequencyBase,
            ropeFrequencyScale: scale, rmsEpsilon: settings.rmsNormEpsilon,
            ropeStyle: traits.ropeStyle, activation: traits.activation, queryScaling: traits.queryScaling,
            attentionScale: 1 / Float(traits.attentionScaleLength(settings)).squareRoot(),
            embeddingScale: traits.scalesEmbedding ? Float(settings.embeddingLength).squareRoot() : nil,
            slidingWindow: settings.slidingWindow,
            slidingWindowLayers: Set((0..<settings.blockCount).filter { settings.usesSlidingWindow(layer: $0) }),
            localRopeFrequencyBase: traits.slidingWindow?.localRopeBase ?? settings.ropeFrequencyBase)
    }
}
