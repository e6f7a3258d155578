// Root-mean-square normalisation: x / sqrt(mean(x²) + ε), then times a learned weight.
// The sum of squares is kept in Double as ggml does, so rounding matches llama.cpp closely.

public enum RMSNorm {
    /// Writes the normalised `x`, multiplied element-wise by `weight`, to `output`.
    /// `output` may be the same memory as `x`.
    @inlinable
    public static func apply(
        _ x: UnsafePointer<Float>, weight: UnsafePointer<Float>, count: Int, epsilon: Float,
        into output: UnsafeMutablePointer<Float>
    ) {
        var sum: Double = 0
        for i in 0..<count { sum += Double(x[i] * x[i]) }
        let mean = Float(sum / Double(count))
        let scale = 1 / (mean + epsilon).squareRoot()
        for i in 0..<count { output[i] = (x[i] * scale) * weight[i] }
    }

    /// The definition, in Double throughout; the fast version is tested against it.
    public static func reference(_ x: [Float], weight: [Float], epsilon: Float) -> [Float] {
        let mean = x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)
        let scale = 1 / (mean + Double(epsilon)).squareRoot()
        return zip(x, weight).map { Float(Double($0) * scale * Double($1)) }
    }
}
