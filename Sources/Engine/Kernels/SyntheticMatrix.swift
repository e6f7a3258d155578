// A weight matrix of random codes and realistic scales, owned in memory: what the kernel
// benchmark and kernel self-checks multiply when no model file is involved.

/// Sendable because its storage is written only in init and read-only afterwards.
public final class SyntheticMatrix: @unchecked Sendable {
    public let matrix: WeightMatrix
    private let storage: UnsafeMutableRawPointer

    /// `rows` × `columns` of `type`; the same seed gives the same bytes.
    public init(type: GGMLType, rows: Int, columns: Int, seed: UInt64) throws(KernelError) {
        guard let rowBytes = type.byteCount(elements: columns),
              case let (total, overflow) = rowBytes.multipliedReportingOverflow(by: rows), !overflow, total > 0
        else { throw .invalidShape(rows: rows, columns: columns) }
        storage = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: 64)
        var random = SplitMix(state: seed)
        let bytes = storage.assumingMemoryBound(to: UInt8.self)
        for i in 0..<total { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
        Self.makeScalesFinite(storage, type: type, blocks: total / type.bytesPerBlock, random: &random)
        do {
            matrix = try WeightMatrix(base: storage, type: type, rows: rows, columns: columns)
        } catch {
            storage.deallocate()
            throw error
        }
    }

    deinit { storage.deallocate() }

    /// Values in [-1, 1] such as a normalised hidden state holds.
    public static func activations(count: Int, seed: UInt64) -> [Float] {
        var random = SplitMix(state: seed)
        return (0..<count).map { _ in Float(random.next() >> 40) / Float(1 << 23) - 1 }
    }

    /// Random bytes would put NaNs and infinities in the f16 scales and float values.
    private static func makeScalesFinite(_ p: UnsafeMutableRawPointer, type: GGMLType, blocks: Int, random: inout SplitMix) {
        func small() -> UInt16 { HalfFloat.f16(from: Float(random.next() >> 40) / Float(1 << 24) * 0.02 - 0.01) }
        let size = type.bytesPerBlock
        for block in 0..<blocks {
            let b = p + block * size
            switch type {
            case .f32: b.storeBytes(of: HalfFloat.float(fromF16: small()) * 100, as: Float.self)
            case .f16: b.storeBytes(of: small(), as: UInt16.self)
            case .bf16: b.storeBytes(of: HalfFloat.bf16(from: HalfFloat.float(fromF16: small())), as: UInt16.self)
            case .q4_0, .q5_0, .q8_0: b.storeBytes(of: small(), as: UInt16.self)
            case .q4_1, .q5_1, .q4_K, .q5_K:
                b.storeBytes(of: small(), as: UInt16.self)
                b.storeBytes(of: small(), toByteOffset: 2, as: UInt16.self)
            case .q6_K: b.storeBytes(of: small(), toByteOffset: 208, as: UInt16.self)
            default: break
            }
        }
    }
}

/// SplitMix64: small, fast, reproducible.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
