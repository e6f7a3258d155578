// Conversions between Float and the two 16-bit float formats stored in model files:
// IEEE half precision (f16, used for block scales) and bfloat16 (the top half of a Float).

public enum HalfFloat {
    /// The Float an f16 bit pattern stands for (exact: every f16 is a Float).
    @inline(__always)
    public static func float(fromF16 bits: UInt16) -> Float {
        Float(Float16(bitPattern: bits))
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
