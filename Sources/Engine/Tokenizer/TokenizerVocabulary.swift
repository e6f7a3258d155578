// A model's vocabulary as its GGUF file describes it (`tokenizer.ggml.*`), with llama.cpp's
// defaults applied, so that every tokenizer is built from one checked value.

public struct TokenizerVocabulary: Sendable {
    /// Token texts by id. For byte-level BPE these are in the GPT-2 byte-to-unicode alphabet ("Ġthe").
    public var tokens: [String]
    /// `tokenizer.ggml.token_type` per token: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte.
    var tokenTypes: [Int32]
    /// `tokenizer.ggml.scores` per token (SentencePiece uses them; BPE ignores them).
    public var scores: [Float]
    /// BPE merges, best first, each "left right".
    var merges: [String]
    /// `tokenizer.ggml.model`: "gpt2" (byte-level BPE) or "llama" (SentencePiece).
    public var model: String
    /// `tokenizer.ggml.pre`, the pre-tokenizer name; nil means llama.cpp's "default".
    public var pre: String?
    var bos: TokenID?
    var eos: TokenID?
    var unknown: TokenID?
    var padding: TokenID?
    /// End-of-turn and end-of-message tokens when the file names them (`eot_token_id`, `eom_token_id`).
    var endOfTurn: TokenID?
    var endOfMessage: TokenID?
    /// Whether encoding with `addSpecial` puts BOS first / EOS last.
    var addBOS: Bool
    var addEOS: Bool
    /// `tokenizer.ggml.add_space_prefix`: decoding drops one leading space of the first piece.
    var addSpacePrefix: Bool

    /// Token-type numbers used by GGUF files (llama.cpp's `llama_token_type`).
    enum TokenType {
        static let normal: Int32 = 1
        static let unknown: Int32 = 2
        static let control: Int32 = 3
        static let userDefined: Int32 = 4
        static let unused: Int32 = 5
        static let byte: Int32 = 6
    }

    /// Builds a checked vocabulary. Flags left nil take the value llama.cpp would use for this
    /// tokenizer and pre-tokenizer (for example Llama 3's "llama-bpe" adds BOS unless told not to).
    public init(
        tokens: [String],
        tokenTypes: [Int32] = [],
        scores: [Float] = [],
        merges: [String] = [],
        model: String = "gpt2",
        pre: String? = nil,
        bos: TokenID? = nil,
        eos: TokenID? = nil,
        unknown: TokenID? = nil,
        padding: TokenID? = nil,
        endOfTurn: TokenID? = nil,
        endOfMessage: TokenID? = nil,
        addBOS: Bool? = nil,
        addEOS: Bool? = nil,
        addSpacePrefix: Bool? = nil
    ) throws {
        guard !tokens.isEmpty, tokens.count < Int(Int32.max) else {
            throw TokenizerError.badVocabularySize(tokens.count)
        }
        if !tokenTypes.isEmpty && tokenTypes.count < tokens.count {
            throw TokenizerError.inconsistentMetadata(
                key: "tokenizer.ggml.token_type", count: tokenTypes.count, expected: tokens.count)
        }
        if !scores.isEmpty && scores.count < tokens.count {
            throw TokenizerError.inconsistentMetadata(
                key: "tokenizer.ggml.scores", count: scores.count, expected: tokens.count)
        }
        let count = tokens.count
        // An id outside the vocabulary is ignored, as llama.cpp does, rather than trusted.
        func valid(_ id: TokenID?) -> TokenID? {
            guard let id, id >= 0, Int(id) < count else { return nil }
            return id
        }
        self.tokens = tokens
        self.tokenTypes = tokenTypes
        self.scores = scores
        self.merges = merges
        self.model = model
        self.pre = pre
        self.unknown = valid(unknown)
        self.padding = valid(padding)
        self.endOfTurn = valid(endOfTurn)
        self.endOfMessage = valid(endOfMessage)

        switch model {
        case "gpt2":
            if merges.isEmpty { throw TokenizerError.missingMetadata(key: "tokenizer.ggml.merges") }
            let style = try PreTokenizer(name: pre)
            // llama.cpp's BPE defaults: BOS and EOS are token 11 when the file does not say.
            self.bos = valid(bos ?? 11)
            self.eos = valid(eos ?? 11)
            self.addBOS = addBOS ?? style.addsBOSByDefault
            self.addSpacePrefix = addSpacePrefix ?? false
        case "llama":
            self.bos = valid(bos ?? 1)
            self.eos = valid(eos ?? 2)
            self.unknown = valid(unknown ?? 0)
            self.addBOS = addBOS ?? true
            self.addSpacePrefix = addSpacePrefix ?? true
        default:
            throw TokenizerError.unsupportedModel(model)
        }
        self.addEOS = addEOS ?? false
        if self.addBOS && self.bos == nil {
            throw TokenizerError.missingSpecialToken(
                flag: "tokenizer.ggml.add_bos_token", idKey: "tokenizer.ggml.bos_token_id")
        }
        if self.addEOS && self.eos == nil {
            throw TokenizerError.missingSpecialToken(
                flag: "tokenizer.ggml.add_eos_token", idKey: "tokenizer.ggml.eos_token_id")
        }
    }

    /// The tokenizer for this vocabulary's family.
    func makeTokenizer() throws -> any Tokenizer {
        switch model {
        case "gpt2": return try BytePairTokenizer(vocabulary: self)
        case "llama": return try SentencePieceTokenizer(vocabulary: self)
        default: throw TokenizerError.unsupportedModel(model)
        }
    }

    /// Token texts as UTF-8; an empty text gets a placeholder name, as llama.cpp does, so that
    /// every id has its own text.
    func tokenTextBytes() -> [[UInt8]] {
        tokens.enumerated().map { id, token in
            token.isEmpty ? Array("[EMPTY_\(id)]".utf8) : Array(token.utf8)
        }
    }

    /// The token type of `id`; files without `token_type` count every token as normal.
    func tokenType(_ id: Int) -> Int32 {
        id < tokenTypes.count ? tokenTypes[id] : TokenType.normal
    }
}
