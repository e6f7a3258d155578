// The gated feed-forward activation of llama models: silu(gate) · up, silu(x) = x / (1 + e^-x).
// e^-x is llama.cpp's vector exp, so activations agree with llama.cpp's to the bit.

import Foundation

public enum SwiGLU {
    /// gate[i] = silu(gate[i]) · up[i].
    @inlinable
    public static func apply(gate: UnsafeMutablePointer<Float>, up: UnsafePointer<Float>, count: Int) {
        for i in 0..<count {
            let g = gate[i]
            gate[i] = g / (1 + VectorExp.exp(-g)) * up[i]
        }
    }

    static func silu(_ x: Float) -> Float { x / (1 + VectorExp.exp(-x)) }

    public static func reference(gate: [Float], up: [Float]) -> [Float] {
        zip(gate, up).map { g, u in
            let x = Double(g)
            return Float(x / (1 + Foundation.exp(-x)) * Double(u))
        }
    }
}
