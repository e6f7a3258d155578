// Q5_1: blocks of 32 values as 5-bit codes with an f16 scale and an f16 minimum;
// value = scale × code + minimum. Paired with Q8_1 activations like Q4_1.

enum Q5_1: BlockFormat {
    static let type = GGMLType.q5_1

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block), m = f16At(block, 2)
        let high = block.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        let q = bytes(block, 8)
        for j in 0..<16 {
            y[j] = d * Float(Q5Codes.low(q[j], high, j)) + m
            y[j + 16] = d * Float(Q5Codes.high(q[j], high, j)) + m
        }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        var sum: Float = 0
        for block in 0..<blocks {
            let wb = w + block * 24, xb = x + block * 36
            let high = wb.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
            let q = bytes(wb, 8), a = codes(xb, 4)
            var sumi: Int32 = 0
            for j in 0..<16 {
                sumi &+= Q5Codes.low(q[j], high, j) &* Int32(a[j])
                sumi &+= Q5Codes.high(q[j], high, j) &* Int32(a[j + 16])
            }
            sum += Float(sumi) * (f16At(wb) * f16At(xb)) + f16At(wb, 2) * f16At(xb, 2)
        }
        return sum
    }
}
