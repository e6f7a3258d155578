// qwen3: llama's layer with RMS norms on each query and key head before RoPE, no biases, and
// RoPE on the two halves of each head (NEOX).

extension ModelArchitecture {
    static let qwen3 = ModelArchitecture(
        name: "qwen3", families: "Qwen 3", ropeStyle: .halves,
        layerTensors: TensorSpec.llamaLayer + [TensorSpec.queryNorm, TensorSpec.keyNorm])
}
