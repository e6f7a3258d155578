// Q4_0: blocks of 32 values as 4-bit codes (byte j holds value j low, value j+16 high) with one
// f16 scale; value = scale × (code − 8).

enum Q4_0: BlockFormat {
    static let type = GGMLType.q4_0

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block)
        let q = bytes(block, 2)
        for j in 0..<16 {
            y[j] = d * Float(Int32(q[j] & 0x0f) - 8)
            y[j + 16] = d * Float(Int32(q[j] >> 4) - 8)
        }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        var sum: Float = 0
        for block in 0..<blocks {
            let wb = w + block * 18, xb = x + block * 34
            let (low, high) = nibbleLanes(wb, 2)
            let sumi = dotLanes(low &- 8, signedLanes(xb, 2)) &+ dotLanes(high &- 8, signedLanes(xb, 18))
            sum += Float(sumi) * (f16At(wb) * f16At(xb))
        }
        return sum
    }

    /// The plain twin of the x86 prompt kernels (interleaved_q4_0.h, two or more activation
    /// rows): each block's exact integer dot product added with one fused multiply-add by the
    /// f32 product of the two scales. Tests hold every x86 path to these bits.
    static func promptDot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        var sum: Float = 0
        for block in 0..<blocks {
            let wb = w + block * 18, xb = x + block * 34
            let (low, high) = nibbleLanes(wb, 2)
            let sumi = dotLanes(low &- 8, signedLanes(xb, 2)) &+ dotLanes(high &- 8, signedLanes(xb, 18))
            sum = sum.addingProduct(Float(sumi), f16At(wb) * f16At(xb))
        }
        return sum
    }
}
