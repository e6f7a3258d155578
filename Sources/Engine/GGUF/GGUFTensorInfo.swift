// Where one tensor's data lies in a GGUF file and how it is laid out.

public struct GGUFTensorInfo: Sendable, Equatable {
    public let name: String
    /// Dimensions in ggml order: `shape[0]` is the number of elements in one row.
    public let shape: [Int]
    public let type: GGMLType
    /// Absolute byte offset of the first block in the file.
    public let offset: Int
    public let byteCount: Int

    public init(name: String, shape: [Int], type: GGMLType, offset: Int, byteCount: Int) {
        self.name = name
        self.shape = shape
        self.type = type
        self.offset = offset
        self.byteCount = byteCount
    }

    /// Elements per row (1 for a scalar stored with no dimensions).
    var rowLength: Int { shape.first ?? 1 }

    /// Rows in the tensor: the product of every dimension after the first.
    var rowCount: Int { shape.dropFirst().reduce(1, *) }

    var elementCount: Int { shape.reduce(1, *) }

    /// Bytes in one row (whole blocks, by the file's validation).
    var bytesPerRow: Int { rowLength / type.blockSize * type.bytesPerBlock }

    /// The shape as people read it, e.g. "[576, 49152]".
    var shapeText: String { Self.text(of: shape) }

    static func text(of shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
