// e^x the way llama.cpp's vectorised softmax computes it on AVX-512 CPUs (a polynomial after
// Arm's optimized-routines expf, error under 1.5 ulp), so attention weights match llama.cpp's
// bit for bit. Inputs of softmax are ≤ 0, so only the underflow side needs care.

public enum VectorExp {
    /// Round-to-integer shift: adding 1.5·2^23 leaves the integer part in the low bits.
    @usableFromInline static let shifter: Float = 0x1.8p23

    @inlinable
    public static func exp(_ x: Float) -> Float {
        if x.isNaN { return x }
        let z = shifter.addingProduct(x, 0x1.715476p+0)
        let n = z - shifter
        if n.magnitude > 192 { return n > 0 ? .infinity : 0 }
        // b = x - n·ln2, with ln 2 split in two parts for precision.
        let b = (x.addingProduct(-n, 0x1.62e4p-1)).addingProduct(-n, 0x1.7f7d1cp-20)
        let u = b * b
        let high = Float(0x1.573e2ep-5).addingProduct(0x1.0e4020p-7, b)
        let middle = Float(0x1.fffdb6p-2).addingProduct(0x1.555e66p-3, b)
        let low = Float(1).addingProduct(0x1.ffffecp-1, b)
        let j = low.addingProduct(middle.addingProduct(high, u), u)
        return Float(sign: .plus, exponent: Int(n), significand: j)
    }
}
