// Conversions between Float and the two 16-bit float formats stored in model files:
// IEEE half precision (f16, used for block scales) and bfloat16 (the top half of a Float).

public enum HalfFloat {
    /// The Float an f16 bit pattern stands for (exact: every f16 is a Float).
    @inline(__always)
    public static func float(fromF16 bits: UInt16) -> Float {
        #if arch(arm64)
        return Float(Float16(bitPattern: bits))
        #else
        // Without F16C the conversion is a library call; this is exact and a few instructions.
        // Exponent and mantissa moved into a Float's fields and scaled by 2^112 rebias the
        // exponent from 15 to 127 (subnormal halves become normal floats the same way).
        let sign = UInt32(bits & 0x8000) << 16
        let magnitude = UInt32(bits & 0x7fff)
        if magnitude >= 0x7c00 {
            return Float(bitPattern: sign | 0x7f80_0000 | (magnitude & 0x3ff) << 13)
        }
        let scaled = Float(bitPattern: magnitude << 13) * 0x1p112
        return Float(bitPattern: sign | scaled.bitPattern)
        #endif
    }

    /// The f16 bit pattern nearest to `value` (ties to even), as ggml stores scales on x86.
    @inline(__always)
    public static func f16(from value: Float) -> UInt16 {
        Float16(value).bitPattern
    }

    /// The Float a bfloat16 bit pattern stands for (exact).
    @inline(__always)
    public static func float(fromBF16 bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// The bfloat16 nearest to `value` (ties to even); NaN stays a quiet NaN, as in ggml.
    @inline(__always)
    public static func bf16(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        if bits & 0x7fff_ffff > 0x7f80_0000 {
            return UInt16(truncatingIfNeeded: bits >> 16) | 64
        }
        let roundingBias: UInt32 = 0x7fff + ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
    }
}
