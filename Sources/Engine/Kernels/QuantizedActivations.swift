// A batch of activation rows converted once into the block format the weights they meet need,
// then read by every matrix product (and every thread) that uses them.

/// Sendable so the pool's workers can read it: `quantize` (the only writer) runs on the thread
/// that owns the buffer before it dispatches a product, and the pool's hand-off (release on
/// dispatch, acquire in each worker) publishes the rows; workers only read them. Calling
/// `quantize` while a product still reads the buffer is a caller's bug this type cannot catch.
public final class QuantizedActivations: @unchecked Sendable {
    /// Values per row.
    public let columns: Int
    /// Rows this buffer can hold.
    public let capacity: Int
    /// Rows filled by the last `quantize`.
    public private(set) var batch: Int
    /// The stored format (Q8_0, Q8_1, Q8_K, F16, BF16 or F32).
    public let type: GGMLType
    /// Bytes from one row to the next.
    let rowBytes: Int
    let storage: UnsafeMutableRawPointer

    /// Room for `batch` rows of `columns` values, to be multiplied with weights of `weightType`.
    public init(columns: Int, batch: Int, for weightType: GGMLType) throws(KernelError) {
        guard let type = weightType.activationType else { throw .unsupportedType(weightType) }
        guard columns > 0, batch > 0 else { throw .invalidShape(rows: batch, columns: columns) }
        guard columns % type.blockSize == 0 else { throw .rowNotWholeBlocks(columns: columns, type: weightType) }
        guard let rowBytes = type.byteCount(elements: columns),
              case let (total, overflow) = rowBytes.multipliedReportingOverflow(by: batch), !overflow
        else { throw .invalidShape(rows: batch, columns: columns) }
        self.columns = columns
        self.capacity = batch
        self.batch = batch
        self.type = type
        self.rowBytes = rowBytes
        // 64-byte alignment keeps every row's blocks within as few cache lines as possible.
        storage = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: 64)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: total)
    }

    /// Room for `batch` rows that multiply `weights` (whose shape is already validated).
    public convenience init(matching weights: WeightMatrix, batch: Int) throws(KernelError) {
        try self.init(columns: weights.columns, batch: batch, for: weights.type)
    }

    deinit { storage.deallocate() }

    /// Converts `rows` rows (default: all `capacity`) of `columns` floats, row-major, from `x`.
    public func quantize(_ x: UnsafePointer<Float>, rows: Int? = nil) {
        quantize(x, rows: rows, path: KernelPath.best)
    }

    /// `quantize` on a chosen kernel path (every path gives the same blocks for finite input).
    public func quantize(_ x: UnsafePointer<Float>, rows: Int? = nil, path: KernelPath) {
        let count = Swift.min(Swift.max(rows ?? capacity, 0), capacity)
        for b in 0..<count {
            ActivationQuantizer.quantizeRow(x + b * columns, count: columns, as: type, into: storage + b * rowBytes, path: path)
        }
        batch = count
    }

    /// The stored bytes of row `index`, for comparing quantisers.
    public func bytes(ofRow index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < capacity, "row \(index) outside 0..<\(capacity)")
        return UnsafeRawBufferPointer(start: row(index), count: rowBytes)
    }

    /// Writes row `index`'s values as the kernels see them (after quantisation) to `into`.
    public func dequantizeRow(_ index: Int, into y: UnsafeMutablePointer<Float>) {
        precondition(index >= 0 && index < batch, "row \(index) outside 0..<\(batch)")
        BlockFormats.dequantizeRow(row(index), type: type, count: columns, into: y)
    }

    @inline(__always)
    func row(_ index: Int) -> UnsafeRawPointer { UnsafeRawPointer(storage + index * rowBytes) }
}
