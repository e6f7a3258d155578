// Q5_0: blocks of 32 values as 5-bit codes (low 4 bits packed like Q4_0, fifth bits in a 32-bit
// mask) with one f16 scale; value = scale × (code − 16).

enum Q5_0: BlockFormat {
    static let type = GGMLType.q5_0

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block)
        let high = block.loadUnaligned(fromByteOffset: 2, as: UInt32.self)
        let q = bytes(block, 6)
        for j in 0..<16 {
            y[j] = d * Float(Q5Codes.low(q[j], high, j) - 16)
            y[j + 16] = d * Float(Q5Codes.high(q[j], high, j) - 16)
        }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        var sum: Float = 0
        for block in 0..<blocks {
            let wb = w + block * 22, xb = x + block * 34
            let high = wb.loadUnaligned(fromByteOffset: 2, as: UInt32.self)
            let q = bytes(wb, 6), a = codes(xb, 2)
            var sumi: Int32 = 0
            for j in 0..<16 {
                sumi &+= (Q5Codes.low(q[j], high, j) - 16) &* Int32(a[j])
                sumi &+= (Q5Codes.high(q[j], high, j) - 16) &* Int32(a[j + 16])
            }
            sum += Float(sumi) * (f16At(wb) * f16At(xb))
        }
        return sum
    }
}

/// The 5-bit codes of Q5_0 and Q5_1: value j takes bit j of the mask, value j+16 bit j+16.
enum Q5Codes {
    @inline(__always)
    static func low(_ packed: UInt8, _ highBits: UInt32, _ j: Int) -> Int32 {
        Int32(packed & 0x0f) | Int32((highBits >> UInt32(j)) & 1) << 4
    }

    @inline(__always)
    static func high(_ packed: UInt8, _ highBits: UInt32, _ j: Int) -> Int32 {
        Int32(packed >> 4) | Int32((highBits >> UInt32(j + 16)) & 1) << 4
    }
}
