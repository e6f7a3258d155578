// llama: the plain decoder every other architecture is told apart from (pre-norm attention
// with adjacent-pair RoPE, SwiGLU feed-forward); Llama 3.1's `rope_freqs` factors when present.

extension ModelArchitecture {
    static let llama = ModelArchitecture(
        name: "llama", families: "SmolLM2, Llama 3, Mistral, TinyLlama", ropeStyle: .adjacentPairs,
        layerTensors: TensorSpec.llamaLayer)
}
