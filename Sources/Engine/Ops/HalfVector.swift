// Widens sixteen f16 values to Float with integer SIMD operations. Swift converts Float16 one
// value at a time through a library call unless the whole module is built for F16C, and the
// attention loops read every cached key and value, so they use this instead.

public enum HalfVector {
    /// The sixteen Floats stored as f16 at `source` (exact, subnormals and infinities included).
    @inlinable @inline(__always)
    public static func widen(_ source: UnsafePointer<Float16>) -> SIMD16<Float> {
        let raw = UnsafeRawPointer(source).loadUnaligned(as: SIMD16<UInt16>.self)
        let h = SIMD16<UInt32>(truncatingIfNeeded: raw)
        let sign = (h & 0x8000) &<< 16
        let exponent = (h &>> 10) & 0x1f
        let mantissa = h & 0x3ff
        let normal = sign | ((exponent &+ 112) &<< 23) | (mantissa &<< 13)
        let special = sign | 0x7f80_0000 | (mantissa &<< 13)
        // Subnormal halves are mantissa · 2^-24, exact in Float.
        let subnormalValue = SIMD16<Float>(mantissa) * 0x1p-24
        let subnormal = sign | subnormalValue.bitPattern
        var bits = normal
        bits.replace(with: special, where: exponent .== 0x1f)
        bits.replace(with: subnormal, where: exponent .== 0)
        return SIMD16<Float>(bitPattern: bits)
    }
}

extension SIMD16 where Scalar == Float {
    @inlinable @inline(__always)
    var bitPattern: SIMD16<UInt32> { unsafeBitCast(self, to: SIMD16<UInt32>.self) }

    @inlinable @inline(__always)
    init(bitPattern: SIMD16<UInt32>) { self = unsafeBitCast(bitPattern, to: SIMD16<Float>.self) }
}
