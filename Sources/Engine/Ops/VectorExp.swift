// e^x the way llama.cpp's vectorised softmax computes it on AVX-512 CPUs (a polynomial after
// Arm's optimized-routines expf, error under 1.5 ulp), so attention weights match llama.cpp's
// bit for bit. Inputs of softmax are ≤ 0, so only the underflow side needs care.
// Its fused multiply-adds are done in Double (the product of two Floats is exact there) and
// corrected where rounding twice would differ from one rounding, so each equals the FMA
// instruction llama.cpp and the C kernels use: the engine is built for every x86-64, where
// Float's own FMA is a library call per use.

@usableFromInline
enum VectorExp {
    /// Round-to-integer shift: adding 1.5·2^23 leaves the integer part in the low bits.
    @usableFromInline static let shifter: Float = 0x1.8p23

    @inlinable
    static func exp(_ x: Float) -> Float {
        if x.isNaN { return x }
        let z = fused(x, 0x1.715476p+0, shifter)
        let n = z - shifter
        if n.magnitude > 192 { return n > 0 ? .infinity : 0 }
        // b = x - n·ln2, with ln 2 split in two parts for precision.
        let b = fused(-n, 0x1.7f7d1cp-20, fused(-n, 0x1.62e4p-1, x))
        let u = b * b
        let high = fused(0x1.0e4020p-7, b, 0x1.573e2ep-5)
        let middle = fused(0x1.555e66p-3, b, 0x1.fffdb6p-2)
        let low = fused(0x1.ffffecp-1, b, 1)
        let j = fused(fused(high, u, middle), u, low)
        return Float(sign: .plus, exponent: Int(n), significand: j)
    }

    /// a·b + c rounded once to Float, as an FMA instruction rounds it. The Double sum s is
    /// within half a Double ulp of the exact value, so Float(s) rounds it correctly unless s
    /// sits exactly halfway between two Floats; then the sum's exact error (Knuth's two-sum)
    /// says which way the exact value lies.
    @inlinable @inline(__always)
    static func fused(_ a: Float, _ b: Float, _ c: Float) -> Float {
        let product = Double(a) * Double(b)
        let addend = Double(c)
        let sum = product + addend
        let rounded = Float(sum)
        let near = Double(rounded)
        if near == sum || !sum.isFinite { return rounded }
        let neighbour = sum > near ? rounded.nextUp : rounded.nextDown
        guard sum - near == Double(neighbour) - sum else { return rounded }
        let back = sum - product
        let error = (product - (sum - back)) + (addend - back)
        if error == 0 { return rounded }
        return error > 0 ? max(rounded, neighbour) : min(rounded, neighbour)
    }
}
