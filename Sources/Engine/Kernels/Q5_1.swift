// Q5_1: blocks of 32 values as 5-bit codes with an f16 scale and an f16 minimum;
// value = scale × code + minimum. Paired with Q8_1 activations like Q4_1.

enum Q5_1: BlockFormat {
    static let type = GGMLType.q5_1

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block), m = f16At(block, 2)
        Q5Codes.decode(block, bitsAt: 4, nibblesAt: 8) { j, low, high in
            y[j] = d * Float(low) + m
            y[j + 16] = d * Float(high) + m
        }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        var sum: Float = 0
        for block in 0..<blocks {
            let wb = w + block * 24, xb = x + block * 36
            let (low, high) = nibbleLanes(wb, 8)
            let (fifthLow, fifthHigh) = fifthBitLanes(wb, 4)
            let sumi = dotLanes(low | fifthLow, signedLanes(xb, 4)) &+ dotLanes(high | fifthHigh, signedLanes(xb, 20))
            sum += Float(sumi) * (f16At(wb) * f16At(xb)) + f16At(wb, 2) * f16At(xb, 2)
        }
        return sum
    }
}
