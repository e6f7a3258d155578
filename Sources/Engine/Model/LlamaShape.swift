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
