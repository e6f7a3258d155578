// Q4_1: blocks of 32 values as 4-bit codes with an f16 scale and an f16 minimum;
// value = scale × code + minimum. Paired with Q8_1 activations, whose stored sum turns the
// minimum's contribution into one multiply per block.

enum Q4_1: BlockFormat {
    static let type = GGMLType.q4_1

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block), m = f16At(block, 2)
        let q = bytes(block, 4)
        for j in 0..<16 {
            y[j] = d * Float(q[j] & 0x0f) + m
            y[j + 16] = d * Float(q[j] >> 4) + m
        }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        var sum: Float = 0
        for block in 0..<blocks {
            let wb = w + block * 20, xb = x + block * 36
            let (low, high) = nibbleLanes(wb, 4)
            let sumi = dotLanes(low, signedLanes(xb, 4)) &+ dotLanes(high, signedLanes(xb, 20))
            sum += Float(sumi) * (f16At(wb) * f16At(xb)) + f16At(wb, 2) * f16At(xb, 2)
        }
        return sum
    }
}
