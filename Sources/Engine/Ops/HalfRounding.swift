// Rounds Floats to the nearest f16 value (ties to even) and back, with integer operations:
// what `Float(Float16(x))` gives, without the library calls Swift makes for Float16 on
// x86-64 builds without F16C. Used where llama.cpp rounds to f16 inside attention.

enum HalfRounding {
    @inlinable @inline(__always)
    static func round(_ x: Float) -> Float {
        let magnitude = x.magnitude
        if magnitude >= 0x1p-14 {
            // 65520 and above round to infinity in f16; NaN stays NaN.
            if magnitude >= 65520 { return x.isNaN ? x : (x < 0 ? -.infinity : .infinity) }
            let bits = x.bitPattern
            let rounded = (bits &+ 0xFFF &+ ((bits >> 13) & 1)) & ~UInt32(0x1FFF)
            return Float(bitPattern: rounded)
        }
        // f16 subnormals are multiples of 2^-24.
        return (x * 0x1p24).rounded(.toNearestOrEven) * 0x1p-24
    }

    @inlinable @inline(__always)
    static func round(_ v: SIMD16<Float>) -> SIMD16<Float> {
        var out = v
        for i in 0..<16 { out[i] = round(v[i]) }
        return out
    }
}
