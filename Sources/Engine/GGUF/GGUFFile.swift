// An open GGUF model file: validated structure plus zero-copy access to each tensor's bytes.
// Everything is checked in init, so later reads need no further bounds checks.

/// Sendable because nothing in it changes after init and the mapped memory is read-only.
public final class GGUFFile: @unchecked Sendable {
    /// Immutable after init; `mapping` owns the read-only memory that `bytes(of:)` points into.
    public let path: String
    let fileSize: Int
    public let version: UInt32
    public let alignment: Int
    public let metadata: GGUFMetadata
    /// Tensors in file order.
    public let tensors: [GGUFTensorInfo]
    /// Where the tensor data section starts.
    let dataOffset: Int
    private let mapping: FileMapping
    private let tensorIndex: [String: Int]

    public convenience init(path: String) throws(GGUFError) {
        let mapping = try FileMapping(path: path)
        try self.init(path: path, mapping: mapping)
    }

    /// Reads a GGUF image from memory (tests, fuzzing); `name` appears in messages.
    public convenience init(bytes: [UInt8], name: String = "the model file") throws(GGUFError) {
        try self.init(path: name, mapping: FileMapping(copying: bytes))
    }

    private init(path: String, mapping: FileMapping) throws(GGUFError) {
        let layout = try GGUFParser.parse(mapping.bytes, fileName: FileMapping.displayName(path))
        self.path = path
        self.mapping = mapping
        fileSize = mapping.bytes.count
        version = layout.version
        alignment = layout.alignment
        metadata = layout.metadata
        tensors = layout.tensors
        dataOffset = layout.dataOffset
        var index: [String: Int] = [:]
        index.reserveCapacity(layout.tensors.count)
        for (position, tensor) in layout.tensors.enumerated() { index[tensor.name] = position }
        tensorIndex = index
    }

    /// The file's name for messages, e.g. "'SmolLM2.gguf'".
    public var displayName: String { FileMapping.displayName(path) }

    func tensor(named name: String) -> GGUFTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }

    /// The tensor's bytes inside the mapping, valid while this file is alive.
    public func bytes(of tensor: GGUFTensorInfo) -> UnsafeRawBufferPointer {
        precondition(tensor.offset >= 0 && tensor.byteCount >= 0 && tensor.offset <= fileSize - tensor.byteCount,
                     "tensor '\(tensor.name)' does not belong to \(displayName)")
        return UnsafeRawBufferPointer(rebasing: mapping.bytes[tensor.offset..<(tensor.offset + tensor.byteCount)])
    }
}
