// One model of the catalog: what it is, the numbers that decide its memory and speed, where its
// files are, and where each number was looked up.

public struct CatalogModel: Codable, Sendable, Equatable {
    /// Stable name for commands and JSON (`llama-3.2-1b-instruct`).
    public var id: String
    /// The name people know it by (`Llama 3.2 1B Instruct`).
    public var name: String
    /// GGUF `general.architecture` (`llama`, `qwen2`, `qwen3`, `gemma3`, `phi3`): what decides
    /// whether Onramp's engine can run it.
    public var architecture: String
    /// Weights in the original model (the model card's count).
    public var parameters: Int64
    /// Transformer blocks.
    public var layers: Int
    public var embeddingLength: Int
    /// Attention (query) heads.
    public var headCount: Int
    /// Key/value heads (fewer than `headCount` with grouped-query attention).
    public var kvHeadCount: Int
    /// Elements per key (and value) head.
    public var headDimension: Int
    /// The context length the model was trained for, in tokens.
    public var contextLength: Int
    /// Tokens in the vocabulary: rows of the embedding table (and of the output matrix).
    public var vocabularySize: Int
    /// Whether the output matrix is the embedding table itself (config.json's `tie_word_embeddings`):
    /// then `parameters` counts that table once, otherwise twice.
    public var tiedEmbeddings: Bool
    /// SPDX-like licence id as the model card gives it (`apache-2.0`, `llama3.2`, `gemma`, `mit`).
    public var license: String
    /// Language codes the model card names (the main ones, not every language it has seen).
    public var languages: [String]
    public var uses: [ModelUse]
    /// Downloadable GGUF files, one per quantisation.
    public var files: [ModelFile]
    /// Where the numbers above came from: config.json pages, catalogs that pin sizes and hashes.
    public var sources: [String]

    public init(
        id: String, name: String, architecture: String, parameters: Int64, layers: Int, embeddingLength: Int,
        headCount: Int, kvHeadCount: Int, headDimension: Int, contextLength: Int, license: String,
        languages: [String], uses: [ModelUse], files: [ModelFile], sources: [String],
        vocabularySize: Int, tiedEmbeddings: Bool
    ) {
        self.id = id
        self.name = name
        self.architecture = architecture
        self.parameters = parameters
        self.layers = layers
        self.embeddingLength = embeddingLength
        self.headCount = headCount
        self.kvHeadCount = kvHeadCount
        self.headDimension = headDimension
        self.contextLength = contextLength
        self.vocabularySize = vocabularySize
        self.tiedEmbeddings = tiedEmbeddings
        self.license = license
        self.languages = languages
        self.uses = uses
        self.files = files
        self.sources = sources
    }

    /// Weights in the embedding table: looked up, one row per token, never multiplied.
    public var embeddingParameters: Int64 { Int64(vocabularySize) * Int64(embeddingLength) }

    /// Weights multiplied for each token while writing an answer: the transformer blocks and the
    /// output matrix (which is the embedding table when the two are tied).
    public var generationProductParameters: Int64 {
        parameters - (tiedEmbeddings ? 0 : embeddingParameters)
    }

    /// Weights multiplied for each token of a prompt: the transformer blocks only, since the
    /// output matrix is used for the prompt's last token alone.
    public var promptProductParameters: Int64 {
        parameters - embeddingParameters * (tiedEmbeddings ? 1 : 2)
    }

    /// Width of the feed-forward layer, worked back out of the parameter count (config.json's
    /// `intermediate_size` for every catalog model checked): each block holds the query and output
    /// matrices (width × heads × head size each), the key and value ones (width × KV heads × head
    /// size each) and three feed-forward ones (width × this); norms are too small to count.
    public var feedForwardLength: Int {
        let width = Int64(embeddingLength)
        let attention = 2 * width * Int64(headCount * headDimension) + 2 * width * Int64(kvHeadCount * headDimension)
        let perBlock = promptProductParameters / Int64(layers)
        return Int(max(0, (perBlock - attention) / (3 * width)))
    }

    /// Operations (a multiply-add is two) attention does for one token that attends to `positions`
    /// tokens: a query·key product and a weighted sum of values per position, head and layer.
    public func attentionOperations(positions: Int) -> Double {
        4 * Double(layers) * Double(headCount) * Double(headDimension) * Double(positions)
    }

    /// Bytes of key and value cache each token of context costs at `bytesPerElement` (2 for f16):
    /// a key and a value vector per KV head per layer.
    public func kvBytesPerToken(bytesPerElement: Int = 2) -> Int64 {
        2 * Int64(layers) * Int64(kvHeadCount) * Int64(headDimension) * Int64(bytesPerElement)
    }
}
