// The memory a model takes while it answers: its mapped weights (every page is read for every
// token), the key/value cache for the chosen context, the engine's working buffers and a fixed
// runtime share (program, tokenizer tables, thread stacks).

public struct MemoryNeed: Codable, Sendable, Equatable {
    public let weightsBytes: Int64
    public let kvCacheBytes: Int64
    public let computeBytes: Int64
    public let runtimeBytes: Int64
    /// Tokens of context the KV cache holds.
    public let context: Int

    public var totalBytes: Int64 { weightsBytes + kvCacheBytes + computeBytes + runtimeBytes }

    /// Prompt tokens the engine processes at once; its buffers scale with it.
    public static let promptBatch = 512
    /// Program, tokenizer and thread stacks, from the engine's measured peak resident memory (see
    /// docs/architecture.md, "Catalog").
    public static let runtimeBytes: Int64 = 80 << 20

    public init(weightsBytes: Int64, kvCacheBytes: Int64, computeBytes: Int64, runtimeBytes: Int64, context: Int) {
        self.weightsBytes = weightsBytes
        self.kvCacheBytes = kvCacheBytes
        self.computeBytes = computeBytes
        self.runtimeBytes = runtimeBytes
        self.context = context
    }

    /// `model`'s `file` with a KV cache of `context` tokens in f16 (2 bytes per element).
    public static func of(_ model: CatalogModel, file: ModelFile, context: Int) -> MemoryNeed {
        // Activations of a prompt batch: the residual stream and about a dozen more rows of the
        // model's width (norms, q/k/v, attention output, the wider feed-forward rows), in f32.
        let compute = Int64(promptBatch) * Int64(model.embeddingLength) * 16 * 4
        return MemoryNeed(
            weightsBytes: file.sizeBytes, kvCacheBytes: model.kvBytesPerToken() * Int64(context),
            computeBytes: compute, runtimeBytes: runtimeBytes, context: context)
    }
}
