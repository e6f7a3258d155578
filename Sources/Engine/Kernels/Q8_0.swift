// Q8_0: blocks of 32 signed 8-bit codes with one f16 scale (value = scale × code). Also the
// activation format for Q4_0, Q5_0 and Q8_0 weights.

enum Q8_0: BlockFormat {
    static let type = GGMLType.q8_0

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block)
        let q = codes(block, 2)
        for j in 0..<32 { y[j] = d * Float(q[j]) }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        var sum: Float = 0
        for block in 0..<blocks {
            let wb = w + block * 34, xb = x + block * 34
            let sumi = dotLanes(signedLanes(wb, 2), signedLanes(xb, 2)) &+ dotLanes(signedLanes(wb, 18), signedLanes(xb, 18))
            sum += Float(sumi) * (f16At(wb) * f16At(xb))
        }
        return sum
    }
}

/// Q8_1: Q8_0 plus an f16 holding scale × Σ codes, so a weight minimum times the activation sum
/// costs one multiply per block. Used only for activations.
enum Q8_1: BlockDecoder {
    static let type = GGMLType.q8_1

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block)
        let q = codes(block, 4)
        for j in 0..<32 { y[j] = d * Float(q[j]) }
    }
}

/// Q8_K: blocks of 256 codes with an f32 scale and 16 sums of 16 codes. Used only for the
/// activations that meet K-quant weights.
enum Q8_K: BlockDecoder {
    static let type = GGMLType.q8_K

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = block.loadUnaligned(as: Float.self)
        let q = codes(block, 4)
        for j in 0..<256 { y[j] = d * Float(q[j]) }
    }
}
