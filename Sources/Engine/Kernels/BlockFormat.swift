// What every tensor type's kernels provide: decoding one block to floats (the reference twin)
// and the portable dot product of a weight row with an activation row in its paired format.

protocol BlockFormat {
    /// The weight type this format decodes.
    static var type: GGMLType { get }
    /// Writes the block's `type.blockSize` values to `y`.
    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>)
    /// Σ w·x over `blocks` blocks of a weight row `w` and an activation row `x` stored as
    /// `type.activationType`, accumulated the same way whatever the caller's row split.
    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float
}

extension BlockFormat {
    static func dequantizeRow(_ row: UnsafeRawPointer, blocks: Int, into y: UnsafeMutablePointer<Float>) {
        let size = type.bytesPerBlock
        let count = type.blockSize
        for block in 0..<blocks {
            dequantize(block: row + block * size, into: y + block * count)
        }
    }
}

/// Reads the little-endian f16 at `offset` as a Float.
@inline(__always)
func f16At(_ p: UnsafeRawPointer, _ offset: Int = 0) -> Float {
    HalfFloat.float(fromF16: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
}

/// The 8-bit activation codes starting at `offset`.
@inline(__always)
func codes(_ p: UnsafeRawPointer, _ offset: Int) -> UnsafePointer<Int8> {
    (p + offset).assumingMemoryBound(to: Int8.self)
}

/// The raw bytes starting at `offset`.
@inline(__always)
func bytes(_ p: UnsafeRawPointer, _ offset: Int) -> UnsafePointer<UInt8> {
    (p + offset).assumingMemoryBound(to: UInt8.self)
}
