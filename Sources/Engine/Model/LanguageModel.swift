// What generation, chat and the benchmark need from a model: its sizes, a conversation memory,
// and logits for tokens appended to that memory. `TransformerModel` is the one implementation;
// the protocol keeps the generation code free of any architecture.

public protocol LanguageModel: AnyObject, Sendable {
    var vocabularySize: Int { get }
    /// The context length the model was trained with.
    var contextLength: Int { get }
    /// A cache for up to `capacity` tokens (default: the trained context, at most 4096).
    func makeCache(capacity: Int?, precision: KVCache.Precision) throws(ModelError) -> KVCache
    /// Runs `tokens` after the positions already in `cache`; the last token's logits, or every
    /// token's (`vocabularySize` floats each) when `allLogits`.
    func forward(_ tokens: [TokenID], cache: KVCache, allLogits: Bool) throws(ModelError) -> [Float]
}

extension LanguageModel {
    public func makeCache(capacity: Int? = nil) throws(ModelError) -> KVCache {
        try makeCache(capacity: capacity, precision: .f16)
    }

    public func forward(_ tokens: [TokenID], cache: KVCache) throws(ModelError) -> [Float] {
        try forward(tokens, cache: cache, allLogits: false)
    }
}
