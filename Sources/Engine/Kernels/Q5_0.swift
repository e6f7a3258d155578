// Q5_0: blocks of 32 values as 5-bit codes (low 4 bits packed like Q4_0, fifth bits in a 32-bit
// mask) with one f16 scale; value = scale × (code − 16).

enum Q5_0: BlockFormat {
    static let type = GGMLType.q5_0

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block)
        Q5Codes.decode(block, bitsAt: 2, nibblesAt: 6) { j, low, high in
            y[j] = d * Float(low - 16)
            y[j + 16] = d * Float(high - 16)
        }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        var sum: Float = 0
        for block in 0..<blocks {
            let wb = w + block * 22, xb = x + block * 34
            let (low, high) = nibbleLanes(wb, 6)
            let (fifthLow, fifthHigh) = fifthBitLanes(wb, 2)
            let sumi = dotLanes((low | fifthLow) &- 16, signedLanes(xb, 2)) &+ dotLanes((high | fifthHigh) &- 16, signedLanes(xb, 18))
            sum += Float(sumi) * (f16At(wb) * f16At(xb))
        }
        return sum
    }
}

/// The 5-bit codes of Q5_0 and Q5_1: value j takes the low nibble of byte j and bit j of the
/// 32-bit mask, value j+16 the high nibble and bit j+16.
enum Q5Codes {
    /// Calls `body(j, code of value j, code of value j + 16)` for j in 0..<16.
    @inline(__always)
    static func decode(_ block: UnsafeRawPointer, bitsAt: Int, nibblesAt: Int, _ body: (Int, Int32, Int32) -> Void) {
        let bits = block.loadUnaligned(fromByteOffset: bitsAt, as: UInt32.self)
        let q = bytes(block, nibblesAt)
        for j in 0..<16 {
            body(j, Int32(q[j] & 0x0f) | Int32((bits >> UInt32(j)) & 1) << 4,
                 Int32(q[j] >> 4) | Int32((bits >> UInt32(j + 16)) & 1) << 4)
        }
    }
}
