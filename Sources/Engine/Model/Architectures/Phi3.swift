// phi3 (Phi-3, Phi-3.5, Phi-4 mini): one fused matrix for query, key and value (in that order),
// one fused matrix for gate and up (gate first), NEOX RoPE, and queries scaled before attention.
// The 128k-context files carry LongRoPE factors, which are refused rather than ignored.

extension ModelArchitecture {
    static let phi3 = ModelArchitecture(
        name: "phi3", families: "Phi-3, Phi-3.5, Phi-4 mini", ropeStyle: .halves, queryScaling: .onQuery,
        layerTensors: [
            TensorSpec.attentionNorm,
            TensorSpec(.queryKeyValue, "attn_qkv.weight", "fused query, key and value weights", .matrix) {
                [$0.embeddingLength, $0.queryWidth + $0.keyWidth + $0.valueWidth]
            },
            TensorSpec.attentionOutput,
            TensorSpec.feedForwardNorm,
            TensorSpec(.gateUp, "ffn_up.weight", "fused feed-forward gate and up weights", .matrix) {
                [$0.embeddingLength, 2 * $0.feedForwardLength]
            },
            TensorSpec.down,
        ],
        refusedTensors: [
            "rope_factors_long.weight": "extends its context with LongRoPE factors (the 128k-context versions), which Onramp's engine does not support yet. Choose the 4k-context version of this model",
        ],
        longestTrainedContext: 4096)
}
