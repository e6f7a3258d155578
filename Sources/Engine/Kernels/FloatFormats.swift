// Unquantised weights: F32, F16 and BF16 rows, multiplied with activations stored in the same
// format (as llama.cpp does) and accumulated in f32, eight lanes at a time.

enum F32Format: BlockFormat {
    static let type = GGMLType.f32

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        y[0] = block.loadUnaligned(as: Float.self)
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        // Whole vectors first (the same lanes laneDot would use), then the tail.
        var lanes = SIMD8<Float>()
        var i = 0
        while i + 8 <= blocks {
            lanes.addProduct(w.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self),
                             x.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self))
            i += 8
        }
        var tail: Float = 0
        while i < blocks {
            tail += w.loadUnaligned(fromByteOffset: 4 * i, as: Float.self) * x.loadUnaligned(fromByteOffset: 4 * i, as: Float.self)
            i += 1
        }
        return lanes.sum() + tail
    }
}

enum F16Format: BlockFormat {
    static let type = GGMLType.f16

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        y[0] = f16At(block)
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        laneDot(count: blocks) { i in (f16At(w, 2 * i), f16At(x, 2 * i)) }
    }
}

enum BF16Format: BlockFormat {
    static let type = GGMLType.bf16

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        y[0] = HalfFloat.float(fromBF16: block.loadUnaligned(as: UInt16.self))
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        laneDot(count: blocks) { i in
            (HalfFloat.float(fromBF16: w.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)),
             HalfFloat.float(fromBF16: x.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
        }
    }
}

/// Σ a·b over `count` pairs, with element i added to lane i % 8 and the lanes summed at the end,
/// so the rounding depends only on the row, never on how rows were split.
@inline(__always)
private func laneDot(count: Int, _ pair: (Int) -> (Float, Float)) -> Float {
    var lanes = SIMD8<Float>()
    var i = 0
    while i + 8 <= count {
        var a = SIMD8<Float>(), b = SIMD8<Float>()
        for lane in 0..<8 { (a[lane], b[lane]) = pair(i + lane) }
        lanes.addProduct(a, b)
        i += 8
    }
    var tail: Float = 0
    while i < count {
        let (a, b) = pair(i)
        tail += a * b
        i += 1
    }
    return lanes.sum() + tail
}
