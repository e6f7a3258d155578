// How far a fast computation may be from its reference before the self-test calls it wrong.
// Why these numbers: docs/selftest.md ("Limits").
import Engine

enum Limits {
    /// A kernel path against the reference twin on the same weights and the same quantised
    /// activations: only the order of float sums differs. The engine's own table.
    static func product(_ type: GGMLType) -> Double { KernelSelfCheck.tolerance(for: type) }

    /// An f32 op against the same op in Double on the same inputs: rounding of f32 arithmetic
    /// only (an NMSE near 1e-14).
    static let sameInputs = 1e-10

    /// RoPE builds each angle by repeated multiplication in f32, as ggml does (so it matches
    /// llama.cpp bit for bit), not exactly as the Double definition: its inputs really differ,
    /// by about 3e-9 at position 4095. llama.cpp's test-backend-ops limit for other ops.
    static let ropeAngles = 1e-7

    /// The f16 KV cache's attention rounds the query and the softmax weights to f16 as llama.cpp
    /// does, so its inputs really differ from the Double definition's: llama.cpp's
    /// test-backend-ops limit for products.
    static let halfPrecisionInputs = 5e-4

    /// A whole model's logits on a kernel path against the reference twin: each layer
    /// re-quantises activations that already differ slightly (the limit).
    static let modelLogits = 1e-3
}
