// One tensor an architecture needs: where it is (its name), what it is for (its role, and words
// for messages), its shape from the hyper-parameters, and whether it may be missing. Matrices
// may be any type the kernels multiply; vectors (norm weights, biases) must be f32.

struct TensorSpec: Sendable {
    /// What the forward pass uses the tensor for.
    enum Role: Hashable, Sendable {
        case tokenEmbedding, outputNorm, output, ropeFrequencies
        case attentionNorm, query, key, value, queryKeyValue, queryBias, keyBias, valueBias
        case queryNorm, keyNorm, attentionOutput, postAttentionNorm
        case feedForwardNorm, gate, up, gateUp, down, postFeedForwardNorm
    }

    enum Kind: Sendable {
        /// Multiplied by the kernels straight from the mapped file.
        case matrix
        /// Copied out as floats (norm weights, biases, RoPE factors).
        case vector
    }

    let role: Role
    /// The name after `blk.N.` for a layer tensor, or the whole name otherwise.
    let name: String
    /// For messages: "query weights".
    let description: String
    let kind: Kind
    let optional: Bool
    /// The GGUF shape (ggml order: row length first).
    let shape: @Sendable (ModelHyperparameters) -> [Int]

    init(_ role: Role, _ name: String, _ description: String, _ kind: Kind, optional: Bool = false,
         shape: @escaping @Sendable (ModelHyperparameters) -> [Int]) {
        self.role = role
        self.name = name
        self.description = description
        self.kind = kind
        self.optional = optional
        self.shape = shape
    }

    /// Types the engine's kernels multiply with directly.
    static let matrixTypes = Set(GGMLType.computable)
    /// Norm weights and biases are element-wise, kept in full precision by every converter.
    static let vectorTypes: Set<GGMLType> = [.f32]

    var allowedTypes: Set<GGMLType> { kind == .matrix ? Self.matrixTypes : Self.vectorTypes }
}

/// The tensors most architectures share, written once.
extension TensorSpec {
    static let tokenEmbedding = TensorSpec(.tokenEmbedding, "token_embd.weight", "the token embedding", .matrix) { [$0.embeddingLength, $0.vocabularySize] }
    static let outputNorm = TensorSpec(.outputNorm, "output_norm.weight", "the final norm", .vector) { [$0.embeddingLength] }
    static let output = TensorSpec(.output, "output.weight", "the output layer", .matrix, optional: true) { [$0.embeddingLength, $0.vocabularySize] }
    static let ropeFrequencies = TensorSpec(.ropeFrequencies, "rope_freqs.weight", "the RoPE frequency factors", .vector, optional: true) { [$0.ropeDimensionCount / 2] }
    /// Embedding, final norm, output layer (or tied), Llama 3.1-style RoPE factors.
    static let llamaModel = [tokenEmbedding, outputNorm, output, ropeFrequencies]

    static let attentionNorm = TensorSpec(.attentionNorm, "attn_norm.weight", "attention norm", .vector) { [$0.embeddingLength] }
    static let query = TensorSpec(.query, "attn_q.weight", "query weights", .matrix) { [$0.embeddingLength, $0.queryWidth] }
    static let key = TensorSpec(.key, "attn_k.weight", "key weights", .matrix) { [$0.embeddingLength, $0.keyWidth] }
    static let value = TensorSpec(.value, "attn_v.weight", "value weights", .matrix) { [$0.embeddingLength, $0.valueWidth] }
    static let attentionOutput = TensorSpec(.attentionOutput, "attn_output.weight", "attention output weights", .matrix) { [$0.headCount * $0.valueHeadDimension, $0.embeddingLength] }
    static let feedForwardNorm = TensorSpec(.feedForwardNorm, "ffn_norm.weight", "feed-forward norm", .vector) { [$0.embeddingLength] }
    static let gate = TensorSpec(.gate, "ffn_gate.weight", "feed-forward gate weights", .matrix) { [$0.embeddingLength, $0.feedForwardLength] }
    static let up = TensorSpec(.up, "ffn_up.weight", "feed-forward up weights", .matrix) { [$0.embeddingLength, $0.feedForwardLength] }
    static let down = TensorSpec(.down, "ffn_down.weight", "feed-forward down weights", .matrix) { [$0.feedForwardLength, $0.embeddingLength] }
    /// A llama layer: pre-norm attention and a gated feed-forward, separate matrices, no biases.
    static let llamaLayer = [attentionNorm, query, key, value, attentionOutput, feedForwardNorm, gate, up, down]

    static let queryNorm = TensorSpec(.queryNorm, "attn_q_norm.weight", "query norm", .vector) { [$0.headDimension] }
    static let keyNorm = TensorSpec(.keyNorm, "attn_k_norm.weight", "key norm", .vector) { [$0.headDimension] }
}

extension ModelHyperparameters {
    /// Floats in one position's queries, keys and values.
    var queryWidth: Int { headCount * headDimension }
    var keyWidth: Int { headCountKV * headDimension }
    var valueWidth: Int { headCountKV * valueHeadDimension }
}
