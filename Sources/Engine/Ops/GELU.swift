// The GELU-gated feed-forward activation of Gemma: gelu(gate) · up, with GELU's tanh
// approximation. ggml (built with GGML_GELU_FP16, its default) rounds each input to f16 and
// reads GELU from a table of all 65,536 f16 values, itself rounded to f16; outside ±10 it
// gives 0 or x. Doing the same keeps the activations equal to llama.cpp's.

import Foundation

public enum GELU {
    /// gate[i] = gelu(gate[i]) · up[i], as ggml's geglu computes it.
    @inlinable
    public static func applyGated(gate: UnsafeMutablePointer<Float>, up: UnsafePointer<Float>, count: Int) {
        table.withUnsafeBufferPointer { values in
            for i in 0..<count {
                let x = gate[i]
                if x <= -10 {
                    gate[i] = 0
                } else if x >= 10 {
                    gate[i] = x * up[i]
                } else {
                    gate[i] = values[Int(HalfFloat.f16(from: x))] * up[i]
                }
            }
        }
    }

    /// GELU of every f16 value, rounded to f16 (ggml's `ggml_table_gelu_f16`), as Floats.
    @usableFromInline static let table: [Float] = (0...UInt16.max).map { bits in
        let x = HalfFloat.float(fromF16: bits)
        return HalfRounding.round(tanhApproximation(x))
    }

    /// 0.5·x·(1 + tanh(√(2/π)·x·(1 + 0.044715·x²))), in Float as ggml writes it.
    static func tanhApproximation(_ x: Float) -> Float {
        let sqrtTwoOverPi: Float = 0.79788456080286535587989211986876
        return 0.5 * x * (1 + tanhf(sqrtTwoOverPi * x * (1 + 0.044715 * x * x)))
    }

    /// The definition in Double, without the f16 table: the test oracle.
    static func reference(gate: [Float], up: [Float]) -> [Float] {
        zip(gate, up).map { g, u in
            let x = Double(g)
            let gelu = 0.5 * x * (1 + Foundation.tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
            return Float(gelu * Double(u))
        }
    }
}
