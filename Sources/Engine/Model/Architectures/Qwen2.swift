// qwen2 (Qwen 2 and 2.5): llama's layer with biases on the query, key and value products,
// and RoPE on the two halves of each head (NEOX).

extension ModelArchitecture {
    static let qwen2 = ModelArchitecture(
        name: "qwen2", families: "Qwen 2, Qwen 2.5", ropeStyle: .halves,
        layerTensors: TensorSpec.llamaLayer + [
            TensorSpec(.queryBias, "attn_q.bias", "query bias", .vector) { [$0.queryWidth] },
            TensorSpec(.keyBias, "attn_k.bias", "key bias", .vector) { [$0.keyWidth] },
            TensorSpec(.valueBias, "attn_v.bias", "value bias", .vector) { [$0.valueWidth] },
        ])
}
