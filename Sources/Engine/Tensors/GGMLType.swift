// Tensor element types as numbered in GGUF files, with their block layouts.
// Numbers follow ggml's `enum ggml_type`; a quantised type stores `blockSize` elements in
// `bytesPerBlock` bytes, so a row's byte size is (elements / blockSize) * bytesPerBlock.

public enum GGMLType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case f32 = 0
    case f16 = 1
    case q4_0 = 2
    case q4_1 = 3
    case q5_0 = 6
    case q5_1 = 7
    case q8_0 = 8
    case q8_1 = 9
    case q2_K = 10
    case q3_K = 11
    case q4_K = 12
    case q5_K = 13
    case q6_K = 14
    case q8_K = 15
    case i8 = 24
    case i16 = 25
    case i32 = 26
    case i64 = 27
    case f64 = 28
    case bf16 = 30

    /// Elements per block (1 for plain types).
    public var blockSize: Int {
        switch self {
        case .f32, .f16, .bf16, .i8, .i16, .i32, .i64, .f64: return 1
        case .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q8_1: return 32
        case .q2_K, .q3_K, .q4_K, .q5_K, .q6_K, .q8_K: return 256
        }
    }

    /// Bytes per block, from ggml's block structs (`block_q4_0` = f16 scale + 16 nibble bytes, …).
    public var bytesPerBlock: Int {
        switch self {
        case .f32, .i32: return 4
        case .f16, .bf16, .i16: return 2
        case .i8: return 1
        case .i64, .f64: return 8
        case .q4_0: return 2 + 16
        case .q4_1: return 2 + 2 + 16
        case .q5_0: return 2 + 4 + 16
        case .q5_1: return 2 + 2 + 4 + 16
        case .q8_0: return 2 + 32
        case .q8_1: return 2 + 2 + 32
        case .q2_K: return 256 / 16 + 256 / 4 + 2 + 2
        case .q3_K: return 256 / 8 + 256 / 4 + 12 + 2
        case .q4_K: return 2 + 2 + 12 + 256 / 2
        case .q5_K: return 2 + 2 + 12 + 256 / 8 + 256 / 2
        case .q6_K: return 256 / 2 + 256 / 4 + 256 / 16 + 2
        case .q8_K: return 4 + 256 + 256 / 16 * 2
        }
    }

    public var isQuantized: Bool { blockSize > 1 }

    /// The name ggml and llama.cpp print for this type (e.g. "q4_K").
    public var description: String {
        switch self {
        case .f32: return "f32"
        case .f16: return "f16"
        case .bf16: return "bf16"
        case .q4_0: return "q4_0"
        case .q4_1: return "q4_1"
        case .q5_0: return "q5_0"
        case .q5_1: return "q5_1"
        case .q8_0: return "q8_0"
        case .q8_1: return "q8_1"
        case .q2_K: return "q2_K"
        case .q3_K: return "q3_K"
        case .q4_K: return "q4_K"
        case .q5_K: return "q5_K"
        case .q6_K: return "q6_K"
        case .q8_K: return "q8_K"
        case .i8: return "i8"
        case .i16: return "i16"
        case .i32: return "i32"
        case .i64: return "i64"
        case .f64: return "f64"
        }
    }

    /// Bytes needed for `elements` values, or nil when `elements` is not a whole number of
    /// blocks or the size overflows.
    public func byteCount(elements: Int) -> Int? {
        guard elements >= 0, elements % blockSize == 0 else { return nil }
        let (bytes, overflow) = (elements / blockSize).multipliedReportingOverflow(by: bytesPerBlock)
        return overflow ? nil : bytes
    }
}

extension GGMLType {
    /// The format activations are converted to before a dot product with weights of this type,
    /// as llama.cpp pairs them (its `vec_dot_type`): 8-bit blocks for quantised weights (Q8_1
    /// carries the block sum that the Q4_1/Q5_1 minimum needs), the weight's own float format
    /// otherwise. Nil for types the kernels cannot multiply.
    public var activationType: GGMLType? {
        switch self {
        case .f32: return .f32
        case .f16: return .f16
        case .bf16: return .bf16
        case .q4_0, .q5_0, .q8_0: return .q8_0
        case .q4_1, .q5_1: return .q8_1
        case .q4_K, .q5_K, .q6_K: return .q8_K
        default: return nil
        }
    }
}
