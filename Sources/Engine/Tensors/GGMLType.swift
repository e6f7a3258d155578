// Tensor element types as numbered in GGUF files (ggml's `enum ggml_type`). A quantised type
// stores `blockSize` elements in `bytesPerBlock` bytes, so a row's byte size is
// (elements / blockSize) * bytesPerBlock; each type's facts are declared in `TensorTypeTraits`.

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
    public var blockSize: Int { traits.blockSize }

    /// Bytes per block.
    public var bytesPerBlock: Int { traits.bytesPerBlock }

    var isQuantized: Bool { blockSize > 1 }

    /// The name ggml and llama.cpp print for this type (e.g. "q4_K").
    public var description: String { traits.name }

    /// Bytes needed for `elements` values, or nil when `elements` is not a whole number of
    /// blocks or the size overflows.
    public func byteCount(elements: Int) -> Int? {
        guard elements >= 0, elements % blockSize == 0 else { return nil }
        let (bytes, overflow) = (elements / blockSize).multipliedReportingOverflow(by: bytesPerBlock)
        return overflow ? nil : bytes
    }
}

extension GGMLType {
    /// The format activations are converted to before a dot product with weights of this type
    /// (llama.cpp's `vec_dot_type`); nil for types the kernels cannot multiply.
    public var activationType: GGMLType? { traits.product?.activationType }
}
