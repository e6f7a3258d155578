// The registry from a tensor type to its block format (decoding and portable dot product).

enum BlockFormats {
    /// The format of weights of `type`, or nil for types with no kernels.
    static func format(for type: GGMLType) -> (any BlockFormat.Type)? {
        switch type {
        case .f32: return F32Format.self
        case .f16: return F16Format.self
        case .bf16: return BF16Format.self
        case .q4_0: return Q4_0.self
        case .q4_1: return Q4_1.self
        case .q5_0: return Q5_0.self
        case .q5_1: return Q5_1.self
        case .q8_0: return Q8_0.self
        case .q4_K: return Q4_K.self
        case .q5_K: return Q5_K.self
        case .q6_K: return Q6_K.self
        default: return nil
        }
    }

    /// Decodes `count` values of a row stored as `type`, weights or activations alike.
    static func dequantizeRow(_ row: UnsafeRawPointer, type: GGMLType, count: Int, into y: UnsafeMutablePointer<Float>) {
        switch type {
        case .q8_1:
            for block in 0..<(count / 32) { Q8_1.dequantize(block: row + block * 36, into: y + block * 32) }
        case .q8_K:
            for block in 0..<(count / 256) { Q8_K.dequantize(block: row + block * 292, into: y + block * 256) }
        default:
            format(for: type)?.dequantizeRow(row, blocks: count / type.blockSize, into: y)
        }
    }
}
