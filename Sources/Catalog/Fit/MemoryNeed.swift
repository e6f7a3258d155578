// The memory a model takes while it answers, term by term from what causes it: the mapped model
// file, the f16 key/value cache for the chosen context, the forward pass's working buffers for a
// prompt batch, and the program itself with the model's vocabulary in memory. Each constant was
// measured on `onramp bench` by `scripts/memory-breakdown` (resident pages split into the model
// file, the program's own files and anonymous memory; see docs/architecture.md, "Catalog").

public struct MemoryNeed: Codable, Sendable, Equatable {
    public let weightsBytes: Int64
    public let kvCacheBytes: Int64
    public let computeBytes: Int64
    public let runtimeBytes: Int64
    /// Tokens of context the KV cache holds.
    public let context: Int
    /// The sum of the four, also written to JSON so scripts need no formula of their own.
    public let totalBytes: Int64

    /// Prompt tokens the engine processes at once (its `TransformerModel.maximumBatch`, llama.cpp's
    /// default ubatch); the working buffers are sized for this many, or the context when shorter.
    public static let promptBatch = 512

    /// Resident pages of the program's own files at the peak: the `onramp` binary's code that a
    /// prompt runs, the Swift runtime, Foundation and the ICU data it touches. Measured 30–33 MiB
    /// whatever the model (the most once the batched prompt kernels have run).
    public static let programBytes: Int64 = 32 << 20
    /// Anonymous memory every run has before any model-sized buffer: malloc's arenas, the worker
    /// threads' stacks, parsed command line and machine facts. What is left of a one-token run's
    /// heap once the vocabulary's share below is taken out.
    public static let baseHeapBytes: Int64 = 5 << 20
    /// The GGUF metadata and the tokenizer's tables per vocabulary entry: the token's text as a
    /// Swift string, its score and type, the text → id dictionary and, for byte-pair tokenizers, a
    /// merge rule. The one-token heap (logits taken out) was 13.3 MiB with SmolLM2's 49,152 entries
    /// and 50.7 MiB with Gemma 3's 262,144: 184 bytes an entry, and 4.7 MiB left for the base.
    public static let bytesPerVocabularyEntry: Int64 = 185

    public init(weightsBytes: Int64, kvCacheBytes: Int64, computeBytes: Int64, runtimeBytes: Int64, context: Int) {
        self.weightsBytes = weightsBytes
        self.kvCacheBytes = kvCacheBytes
        self.computeBytes = computeBytes
        self.runtimeBytes = runtimeBytes
        self.context = context
        self.totalBytes = weightsBytes + kvCacheBytes + computeBytes + runtimeBytes
    }

    /// `model`'s `file` with a KV cache of `context` tokens in f16 (2 bytes per element).
    public static func of(_ model: CatalogModel, file: ModelFile, context: Int) -> MemoryNeed {
        let batch = Int64(min(max(context, 1), promptBatch))
        // The logits of the last token (f32, one per vocabulary entry) and attention's scores
        // (one f32 per position per thread; counted for two threads, small either way).
        let logits = Int64(model.vocabularySize) * 4
        let scores = Int64(context) * 2 * 4
        return MemoryNeed(
            // The file is mapped and every page of it is read: each token multiplies every block's
            // matrices, and the output matrix (the embedding table itself when tied). An untied
            // table is read one row per token, but counting it whole keeps the fit on the safe side.
            weightsBytes: file.sizeBytes,
            // Allocated for the whole context, resident as positions fill: a full conversation.
            kvCacheBytes: model.kvBytesPerToken() * Int64(context),
            computeBytes: batch * workingBytesPerPromptToken(model) + logits + scores,
            runtimeBytes: programBytes + baseHeapBytes + Int64(model.vocabularySize) * bytesPerVocabularyEntry,
            context: context)
    }

    /// The forward pass's buffers per token of a prompt batch (the engine's `ForwardBuffers`): f32
    /// rows for the residual stream, its normed copy and the attention's projection (3 × width),
    /// the queries and the attention's output (2 × heads × head size), the new keys and values
    /// (2 × KV heads × head size), the feed-forward's gate and up rows (2 × its width) and the RoPE
    /// table; plus the activations quantised for the products that read them (about 1.1 bytes a
    /// value, Q8 blocks, for each input width: width, heads × head size, feed-forward), kept once
    /// per weight type, and quantised files mix two (Q4_K with Q6_K, Q4_1 with Q8_0).
    static func workingBytesPerPromptToken(_ model: CatalogModel) -> Int64 {
        let width = Int64(model.embeddingLength)
        let queries = Int64(model.headCount * model.headDimension)
        let keys = Int64(model.kvHeadCount * model.headDimension)
        let feedForward = Int64(model.feedForwardLength)
        let floats = 3 * width + 2 * queries + 2 * keys + 2 * feedForward + Int64(model.headDimension)
        let quantized = 2 * (width + queries + feedForward) * 9 / 8
        return floats * 4 + quantized
    }
}
