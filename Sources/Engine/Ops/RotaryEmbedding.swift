// Rotary position embedding: pair i of a head is rotated by position · base^(-2i/d), optionally
// scaled linearly or by per-frequency factors (Llama 3.1's rope_freqs tensor). Llama pairs
// adjacent elements ("normal" style); Qwen, Phi-3 and Gemma pair the two halves (NEOX style).

import Foundation

public struct RotaryEmbedding: Sendable {
    public let dimensions: Int
    public let frequencyBase: Float
    /// 1 / linear scaling factor; 1 when the model has no scaling.
    public let frequencyScale: Float
    /// Divisors for each pair's angle (dimensions / 2 of them), or nil.
    public let frequencyFactors: [Float]?

    public init(dimensions: Int, frequencyBase: Float, frequencyScale: Float = 1, frequencyFactors: [Float]? = nil) {
        self.dimensions = dimensions
        self.frequencyBase = frequencyBase
        self.frequencyScale = frequencyScale
        self.frequencyFactors = frequencyFactors
    }

    /// cos and sin for each pair at `position`, interleaved (cos0, sin0, cos1, sin1, …) into
    /// `table`, which holds `dimensions` floats. The angle is built by repeated multiplication
    /// in Float, as ggml builds it, so the rounding matches llama.cpp.
    public func fillTable(position: Int, into table: UnsafeMutablePointer<Float>) {
        let thetaScale = powf(frequencyBase, -2 / Float(dimensions))
        var theta = Float(position)
        for pair in 0..<(dimensions / 2) {
            let factor = frequencyFactors?[pair] ?? 1
            let angle = frequencyScale * (theta / factor)
            table[2 * pair] = cosf(angle)
            table[2 * pair + 1] = sinf(angle)
            theta *= thetaScale
        }
    }

    /// Rotates the first `dimensions` values of each of `heads` vectors of length `headSize`.
    @inlinable
    public func apply(table: UnsafePointer<Float>, to vectors: UnsafeMutablePointer<Float>, heads: Int, headSize: Int) {
        for head in 0..<heads {
            let x = vectors + head * headSize
            var i = 0
            while i < dimensions {
                let c = table[i], s = table[i + 1]
                let x0 = x[i], x1 = x[i + 1]
                // Fused as llama.cpp's compiled C++ fuses them (the first product into the sum).
                x[i] = (-(x1 * s)).addingProduct(x0, c)
                x[i + 1] = (x1 * c).addingProduct(x0, s)
                i += 2
            }
        }
    }

    /// NEOX style: pair i is (x[i], x[i + dimensions/2]), rotated by the same angles.
    @inlinable
    public func applyToHalves(table: UnsafePointer<Float>, to vectors: UnsafeMutablePointer<Float>, heads: Int, headSize: Int) {
        let half = dimensions / 2
        for head in 0..<heads {
            let x = vectors + head * headSize
            for i in 0..<half {
                let c = table[2 * i], s = table[2 * i + 1]
                let x0 = x[i], x1 = x[i + half]
                x[i] = (-(x1 * s)).addingProduct(x0, c)
                x[i + half] = (x1 * c).addingProduct(x0, s)
            }
        }
    }

    /// The NEOX-style definition in Double for one vector.
    func referenceHalves(_ vector: [Float], position: Int) -> [Float] {
        let half = dimensions / 2
        var paired = vector
        for i in 0..<half {
            paired[2 * i] = vector[i]
            paired[2 * i + 1] = vector[i + half]
        }
        let rotated = reference(paired, position: position)
        var out = vector
        for i in 0..<half {
            out[i] = rotated[2 * i]
            out[i + half] = rotated[2 * i + 1]
        }
        return out
    }

    /// The definition in Double for one vector: the test oracle.
    public func reference(_ vector: [Float], position: Int) -> [Float] {
        var out = vector
        for pair in 0..<(dimensions / 2) {
            let inverseFrequency = Foundation.pow(Double(frequencyBase), -2 * Double(pair) / Double(dimensions))
            let factor = Double(frequencyFactors?[pair] ?? 1)
            let angle = Double(frequencyScale) * Double(position) * inverseFrequency / factor
            let x0 = Double(vector[2 * pair]), x1 = Double(vector[2 * pair + 1])
            out[2 * pair] = Float(x0 * Foundation.cos(angle) - x1 * Foundation.sin(angle))
            out[2 * pair + 1] = Float(x0 * Foundation.sin(angle) + x1 * Foundation.cos(angle))
        }
        return out
    }
}
