// Sixteen f16 values read as Floats (exact: every f16 is a Float), for the portable attention over
// an f16 cache. The x86 build has no F16C instructions outside the C kernels, so the conversion
// is done with integer lanes, as `HalfFloat.float(fromF16:)` does for one value.

enum HalfVector {
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt16>) -> SIMD16<Float> {
        let halves = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<UInt16>.self)
        #if arch(arm64)
        return SIMD16<Float>(unsafeBitCast(halves, to: SIMD16<Float16>.self))
        #else
        let bits = SIMD16<UInt32>(truncatingIfNeeded: halves)
        let sign = (bits & 0x8000) &<< 16
        let magnitude = bits & 0x7fff
        // Exponent and mantissa moved into a Float's fields and scaled by 2^112 rebias the
        // exponent from 15 to 127; subnormal halves become normal Floats the same way.
        let scaled = unsafeBitCast(magnitude &<< 13, to: SIMD16<Float>.self) * 0x1p112
        var out = sign | unsafeBitCast(scaled, to: SIMD16<UInt32>.self)
        // Infinity and NaN keep their payload with the Float's all-ones exponent.
        out.replace(with: sign | 0x7f80_0000 | ((magnitude & 0x3ff) &<< 13), where: magnitude .>= 0x7c00)
        return unsafeBitCast(out, to: SIMD16<Float>.self)
        #endif
    }

    /// One f16 value as a Float.
    @inline(__always)
    static func float(_ half: UInt16) -> Float { HalfFloat.float(fromF16: half) }
}
