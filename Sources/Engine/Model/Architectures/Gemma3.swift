// gemma3: embeddings scaled by √width, RMS norms on each query and key head, extra norms after
// attention and after the feed-forward, a GELU (tanh) gated feed-forward, NEOX RoPE, queries
// scaled before attention, and five sliding-window layers (RoPE base 10,000) to each global one
// (the file's RoPE base), as llama.cpp fixes them for this architecture. The norm weights are
// used as stored: the converter already added Gemma's "1 +".

extension ModelArchitecture {
    static let gemma3 = ModelArchitecture(
        name: "gemma3", families: "Gemma 3", ropeStyle: .halves, activation: .geluTanh, queryScaling: .onQuery,
        scalesEmbedding: true, slidingWindow: SlidingWindowRule(pattern: 6, localRopeBase: 10_000),
        // Gemma 3 27B (62 layers) scales by width / heads instead of the head size (llama.cpp,
        // after gemma_pytorch's config).
        attentionScaleLength: { $0.blockCount == 62 ? $0.embeddingLength / $0.headCount : $0.headDimension },
        layerTensors: TensorSpec.llamaLayer + [
            TensorSpec.queryNorm, TensorSpec.keyNorm,
            TensorSpec(.postAttentionNorm, "post_attention_norm.weight", "post-attention norm", .vector) { [$0.embeddingLength] },
            TensorSpec(.postFeedForwardNorm, "post_ffw_norm.weight", "post-feed-forward norm", .vector) { [$0.embeddingLength] },
        ])
}
