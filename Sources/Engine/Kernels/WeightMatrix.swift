// A quantised (or float) weight matrix lying in memory, usually inside the mapped model file:
// `rows` rows of `columns` values, each row stored as whole blocks of `type`.

/// Sendable because it is an immutable value and the memory it points to is only ever read; the
/// owner of that memory (a `GGUFFile` or a `SyntheticMatrix`) must be kept alive by the user.
public struct WeightMatrix: @unchecked Sendable {
    /// Start of row 0. The memory is owned elsewhere (the mapped file) and must outlive this value.
    public let base: UnsafeRawPointer
    public let type: GGMLType
    public let rows: Int
    public let columns: Int
    /// Bytes from one row to the next.
    public let rowBytes: Int

    public init(base: UnsafeRawPointer, type: GGMLType, rows: Int, columns: Int) throws(KernelError) {
        guard type.activationType != nil else { throw .unsupportedType(type) }
        guard rows > 0, columns > 0 else { throw .invalidShape(rows: rows, columns: columns) }
        guard columns % type.blockSize == 0 else { throw .rowNotWholeBlocks(columns: columns, type: type) }
        guard let rowBytes = type.byteCount(elements: columns),
              !rowBytes.multipliedReportingOverflow(by: rows).overflow
        else { throw .invalidShape(rows: rows, columns: columns) }
        self.base = base
        self.type = type
        self.rows = rows
        self.columns = columns
        self.rowBytes = rowBytes
    }

    /// Blocks in one row.
    var blocksPerRow: Int { columns / type.blockSize }

    /// Total bytes the matrix occupies.
    public var byteCount: Int { rowBytes * rows }

    @inline(__always)
    func row(_ index: Int) -> UnsafeRawPointer { base + index * rowBytes }
}
