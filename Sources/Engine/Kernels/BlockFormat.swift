// What every tensor type's kernels provide: decoding one block to floats (the reference twin)
// and, for weight types, the portable dot product of a weight row with an activation row in
// its paired format. `GGMLType.traits` names each type's format.

protocol BlockDecoder {
    /// The type this format decodes.
    static var type: GGMLType { get }
    /// Writes the block's `type.blockSize` values to `y`.
    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>)
}

protocol BlockFormat: BlockDecoder {
    /// Σ w·x over `blocks` blocks of a weight row `w` and an activation row `x` stored as
    /// `type.activationType`, accumulated the same way whatever the caller's row split.
    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float
}

extension BlockDecoder {
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

/// Sixteen codes as 16-bit lanes, for products that cannot overflow 16 bits (|a|,|b| ≤ 128·127).
typealias Lanes16 = SIMD16<Int16>

/// The 16 signed 8-bit codes at `offset`, widened.
@inline(__always)
func signedLanes(_ p: UnsafeRawPointer, _ offset: Int) -> Lanes16 {
    Lanes16(truncatingIfNeeded: p.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int8>.self))
}

/// The low and high nibbles of the 16 bytes at `offset`: values 0–15 and 16–31 of a block.
@inline(__always)
func nibbleLanes(_ p: UnsafeRawPointer, _ offset: Int) -> (low: Lanes16, high: Lanes16) {
    let packed = Lanes16(truncatingIfNeeded: p.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self))
    return (packed & 0x0f, packed &>> 4)
}

/// The fifth bits of Q5_0/Q5_1 as 16 (bit set) or 0, for values 0–15 and 16–31.
@inline(__always)
func fifthBitLanes(_ p: UnsafeRawPointer, _ offset: Int) -> (low: Lanes16, high: Lanes16) {
    let mask = p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
    let shifts = SIMD16<UInt32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    let low = (SIMD16<UInt32>(repeating: mask) &>> shifts) & 1
    let high = (SIMD16<UInt32>(repeating: mask >> 16) &>> shifts) & 1
    return (Lanes16(truncatingIfNeeded: low) &<< 4, Lanes16(truncatingIfNeeded: high) &<< 4)
}

/// Σ a·b with 16-bit products summed in 32 bits.
@inline(__always)
func dotLanes(_ a: Lanes16, _ b: Lanes16) -> Int32 {
    SIMD16<Int32>(truncatingIfNeeded: a &* b).wrappedSum()
}
