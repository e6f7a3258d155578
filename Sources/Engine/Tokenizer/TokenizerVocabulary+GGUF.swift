// Reads a model's vocabulary from its GGUF metadata (the `tokenizer.ggml.*` keys llama.cpp reads).

extension TokenizerVocabulary {
    /// The vocabulary of a GGUF model. Throws when a key has the wrong type, the vocabulary is
    /// inconsistent, or the tokenizer or pre-tokenizer is one Onramp does not implement.
    public init(metadata: GGUFMetadata) throws {
        try self.init(metadata: metadata, tokens: try metadata.stringArray(Self.tokensKey))
    }

    /// The key of the token list, which a whole-model load reads once and passes to both the
    /// hyper-parameters (for the vocabulary size) and the tokenizer.
    static let tokensKey = "tokenizer.ggml.tokens"

    /// The vocabulary, with `tokens` already read from `metadata` by the caller.
    public init(metadata: GGUFMetadata, tokens: [String]) throws {
        let model = try metadata.string("tokenizer.ggml.model")
        let tokenTypes = try metadata.integerArrayIfPresent("tokenizer.ggml.token_type")?.map {
            // A type number no tokenizer knows is "undefined" (0), as llama.cpp treats it.
            Int32(exactly: $0) ?? 0
        }
        // Vocabulary sizes beyond Int32 are refused by the main initializer; ids outside it are ignored.
        func tokenID(_ key: String) throws -> TokenID? {
            guard let id = try metadata.integerIfPresent(key), id >= 0, id < tokens.count else { return nil }
            return TokenID(exactly: id)
        }
        try self.init(
            tokens: tokens,
            tokenTypes: tokenTypes ?? [],
            scores: try Self.scores(metadata),
            merges: try metadata.stringArrayIfPresent("tokenizer.ggml.merges") ?? [],
            model: model,
            pre: try metadata.stringIfPresent("tokenizer.ggml.pre"),
            bos: try tokenID("tokenizer.ggml.bos_token_id"),
            eos: try tokenID("tokenizer.ggml.eos_token_id"),
            unknown: try tokenID("tokenizer.ggml.unknown_token_id"),
            padding: try tokenID("tokenizer.ggml.padding_token_id"),
            endOfTurn: try tokenID("tokenizer.ggml.eot_token_id"),
            endOfMessage: try tokenID("tokenizer.ggml.eom_token_id"),
            addBOS: try metadata.boolIfPresent("tokenizer.ggml.add_bos_token"),
            addEOS: try metadata.boolIfPresent("tokenizer.ggml.add_eos_token"),
            addSpacePrefix: try metadata.boolIfPresent("tokenizer.ggml.add_space_prefix")
        )
    }

    /// Scores are floats, though some converters write whole numbers; both are accepted, as in llama.cpp.
    private static func scores(_ metadata: GGUFMetadata) throws -> [Float] {
        let key = "tokenizer.ggml.scores"
        if case .array(.int32(let whole)) = metadata[key] {
            return whole.map(Float.init)
        }
        return try metadata.floatArrayIfPresent(key) ?? []
    }
}
