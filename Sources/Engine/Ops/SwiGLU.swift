// The gated feed-forward activation of llama models: silu(gate) · up, silu(x) = x / (1 + e^-x).
// e^-x is llama.cpp's vector exp, so activations agree with llama.cpp's to the bit.
// On x86 paths the C kernel (CX86Kernels/swiglu_avx2.c) does the same arithmetic 8 values at a
// time; `apply(gate:up:count:)` is its plain twin (OpsTests compares them bit for bit).

import CX86Kernels
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

    /// `apply` on `kernel`: the C kernel where the model's other x86 kernels run, else the twin.
    static func apply(gate: UnsafeMutablePointer<Float>, up: UnsafePointer<Float>, count: Int, kernel: HalfCacheAttention.Kernel) {
        guard count > 0 else { return }
        switch kernel {
        case .f16c where KernelPath.avx2.isSupported: onramp_swiglu_avx2(gate, up, Int32(count))
        default: apply(gate: gate, up: up, count: count)
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
