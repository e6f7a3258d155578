// The matrices each kernel check multiplies: seeded random data and the edge cases where a
// kernel is most likely to go wrong (zero blocks, the largest scales, negative-only inputs,
// a single block, many blocks, odd row counts).
import Engine

struct KernelCase: Sendable {
    enum Weights: Sendable { case random, zeroBlocks, largestScales }

    let name: String
    let rows: Int
    /// Columns, in blocks of the weight type.
    let blocks: Int
    let batch: Int
    let weights: Weights
    let negativeActivations: Bool

    static let all: [KernelCase] = [
        KernelCase(name: "random", rows: 19, blocks: 2, batch: 5, weights: .random, negativeActivations: false),
        KernelCase(name: "all-zero blocks", rows: 9, blocks: 3, batch: 2, weights: .zeroBlocks, negativeActivations: false),
        KernelCase(name: "largest scales", rows: 5, blocks: 2, batch: 3, weights: .largestScales, negativeActivations: false),
        KernelCase(name: "negative-only values", rows: 7, blocks: 2, batch: 2, weights: .random, negativeActivations: true),
        KernelCase(name: "one block", rows: 3, blocks: 1, batch: 1, weights: .random, negativeActivations: false),
        KernelCase(name: "many blocks", rows: 5, blocks: 16, batch: 2, weights: .random, negativeActivations: false),
        KernelCase(name: "odd row counts", rows: 33, blocks: 1, batch: 7, weights: .random, negativeActivations: false),
    ]

    /// Columns for `type`: whole blocks, and at least 256 values for the per-value types so
    /// their SIMD loops and tails both run (K-quant blocks are 256 already).
    func columns(for type: GGMLType) -> Int {
        type.blockSize == 1 ? blocks * 256 + (blocks == 1 ? 0 : 8) : blocks * type.blockSize
    }

    /// The weights for `type`, seeded by the case so every run multiplies the same numbers.
    func makeWeights(_ type: GGMLType, seed: UInt64) throws -> SyntheticMatrix {
        let matrix = try SyntheticMatrix(type: type, rows: rows, columns: columns(for: type), seed: seed)
        let bytes = UnsafeMutableRawPointer(mutating: matrix.matrix.base)
        let blockBytes = type.bytesPerBlock
        let count = matrix.matrix.byteCount / blockBytes
        switch weights {
        case .random: break
        case .zeroBlocks:
            // Every third block entirely zero (scale and codes), the rest random.
            for block in stride(from: 0, to: count, by: 3) {
                (bytes + block * blockBytes).initializeMemory(as: UInt8.self, repeating: 0, count: blockBytes)
            }
        case .largestScales:
            for block in 0..<count { Self.setLargestScale(bytes + block * blockBytes, type: type, index: block) }
        }
        return matrix
    }

    /// The largest finite f16 (65504) as every block scale; per-value types get it on every
    /// fourth value. Products then reach about 1e9, still far from f32's limit.
    private static func setLargestScale(_ block: UnsafeMutableRawPointer, type: GGMLType, index: Int) {
        let largestHalf: UInt16 = 0x7BFF
        switch type {
        case .f32: if index % 4 == 0 { block.storeBytes(of: Float(65504), as: Float.self) }
        case .f16: if index % 4 == 0 { block.storeBytes(of: largestHalf, as: UInt16.self) }
        case .bf16: if index % 4 == 0 { block.storeBytes(of: UInt16(0x477F), as: UInt16.self) }  // 65280
        case .q6_K: block.storeBytes(of: largestHalf, toByteOffset: 208, as: UInt16.self)
        case .q4_1, .q5_1, .q4_K, .q5_K:
            block.storeBytes(of: largestHalf, as: UInt16.self)
            block.storeBytes(of: largestHalf, toByteOffset: 2, as: UInt16.self)
        default: block.storeBytes(of: largestHalf, as: UInt16.self)
        }
    }

    /// Activations in [-1, 1], or in [-1, 0] for the negative-only case.
    func makeActivations(count: Int, seed: UInt64) -> [Float] {
        let values = SyntheticMatrix.activations(count: count, seed: seed)
        return negativeActivations ? values.map { -abs($0) } : values
    }
}
