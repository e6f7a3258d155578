// The tensors a llama-family model needs, found by name and checked for shape and type
// against its hyper-parameters before any computation trusts them.

public struct LlamaTensorSet: Sendable {
    /// One transformer layer's weights (`blk.N.*`).
    public struct Block: Sendable, Equatable {
        public let attentionNorm: GGUFTensorInfo
        public let query: GGUFTensorInfo
        public let key: GGUFTensorInfo
        public let value: GGUFTensorInfo
        public let attentionOutput: GGUFTensorInfo
        public let feedForwardNorm: GGUFTensorInfo
        public let gate: GGUFTensorInfo
        public let up: GGUFTensorInfo
        public let down: GGUFTensorInfo
    }

    /// Types the engine's kernels multiply with directly.
    public static let weightTypes: Set<GGMLType> = [.f32, .f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K]
    /// Norm weights are element-wise scales, kept in full precision by every converter.
    public static let normTypes: Set<GGMLType> = [.f32]

    public let tokenEmbedding: GGUFTensorInfo
    public let outputNorm: GGUFTensorInfo
    /// The output projection; nil when it is tied to `tokenEmbedding`.
    public let output: GGUFTensorInfo?
    /// Per-frequency RoPE factors (Llama 3.1 style long-context scaling), when present.
    public let ropeFrequencies: GGUFTensorInfo?
    public let blocks: [Block]

    public init(file: GGUFFile, hyperparameters h: LlamaHyperparameters) throws(GGUFError) {
        let finder = TensorFinder(file: file)
        let embedding = h.embeddingLength
        let queryWidth = h.headCount * h.headDimension
        tokenEmbedding = try finder.require("token_embd.weight", "the token embedding", types: Self.weightTypes)
        let vocabularyRows = tokenEmbedding.shape.count > 1 ? tokenEmbedding.shape[1] : 1
        if tokenEmbedding.rowLength == embedding, vocabularyRows != h.vocabularySize {
            throw GGUFError(.vocabularyMismatch, "\(file.displayName): the tokenizer lists \(ByteCountText.count(h.vocabularySize)) tokens, but the token embedding has rows for \(ByteCountText.count(vocabularyRows)). The model would read past its own weights; the file was converted wrongly. Download another GGUF of this model.")
        }
        try finder.check(tokenEmbedding, "the token embedding", shape: [embedding, h.vocabularySize])
        outputNorm = try finder.require("output_norm.weight", "the final norm", shape: [embedding], types: Self.normTypes)
        output = try finder.optional("output.weight", "the output layer", shape: [embedding, h.vocabularySize], types: Self.weightTypes)
        ropeFrequencies = try finder.optional("rope_freqs.weight", "the RoPE frequency factors", shape: [h.ropeDimensionCount / 2], types: Self.normTypes)
        var blocks: [Block] = []
        blocks.reserveCapacity(min(h.blockCount, file.tensors.count))  // the count is a claim until checked
        for layer in 0..<h.blockCount {
            func weight(_ part: String, _ role: String, _ shape: [Int], _ types: Set<GGMLType> = Self.weightTypes) throws(GGUFError) -> GGUFTensorInfo {
                try finder.require("blk.\(layer).\(part).weight", "layer \(layer)'s \(role)", shape: shape, types: types)
            }
            blocks.append(Block(
                attentionNorm: try weight("attn_norm", "attention norm", [embedding], Self.normTypes),
                query: try weight("attn_q", "query weights", [embedding, queryWidth]),
                key: try weight("attn_k", "key weights", [embedding, h.headCountKV * h.headDimension]),
                value: try weight("attn_v", "value weights", [embedding, h.headCountKV * h.valueHeadDimension]),
                attentionOutput: try weight("attn_output", "attention output weights", [h.headCount * h.valueHeadDimension, embedding]),
                feedForwardNorm: try weight("ffn_norm", "feed-forward norm", [embedding], Self.normTypes),
                gate: try weight("ffn_gate", "feed-forward gate weights", [embedding, h.feedForwardLength]),
                up: try weight("ffn_up", "feed-forward up weights", [embedding, h.feedForwardLength]),
                down: try weight("ffn_down", "feed-forward down weights", [h.feedForwardLength, embedding])
            ))
        }
        self.blocks = blocks
    }
}

/// Looks tensors up by name and explains what is wrong with one that does not fit.
private struct TensorFinder {
    let file: GGUFFile

    func require(_ name: String, _ role: String, shape: [Int]? = nil, types: Set<GGMLType>) throws(GGUFError) -> GGUFTensorInfo {
        guard let tensor = file.tensor(named: name) else {
            throw GGUFError(.missingTensor, "\(file.displayName) has no tensor '\(name)' (\(role)), which this model needs. The file is incomplete or was converted for a different program; download another GGUF of this model.")
        }
        if let shape { try check(tensor, role, shape: shape) }
        guard types.contains(tensor.type) else {
            let allowed = types.map(\.description).sorted().joined(separator: ", ")
            throw GGUFError(.wrongTensorType, "\(file.displayName): tensor '\(name)' (\(role)) is stored as \(tensor.type), but Onramp needs one of \(allowed) there. Choose a file with a common quantisation such as Q4_K_M or Q8_0.")
        }
        return tensor
    }

    func optional(_ name: String, _ role: String, shape: [Int], types: Set<GGMLType>) throws(GGUFError) -> GGUFTensorInfo? {
        guard file.tensor(named: name) != nil else { return nil }
        return try require(name, role, shape: shape, types: types)
    }

    func check(_ tensor: GGUFTensorInfo, _ role: String, shape expected: [Int]) throws(GGUFError) {
        guard Self.withoutTrailingOnes(tensor.shape) == Self.withoutTrailingOnes(expected) else {
            throw GGUFError(.wrongTensorShape, "\(file.displayName): tensor '\(tensor.name)' (\(role)) has shape \(tensor.shapeText), but the model's settings call for \(GGUFTensorInfo.text(of: expected)). The settings and the weights disagree; the file was converted wrongly. Download another GGUF of this model.")
        }
    }

    /// ggml treats missing trailing dimensions as 1, so [576] and [576, 1] are the same shape.
    private static func withoutTrailingOnes(_ shape: [Int]) -> [Int] {
        var trimmed = shape
        while trimmed.count > 1, trimmed.last == 1 { trimmed.removeLast() }
        return trimmed
    }
}
