// A weight matrix copied to the device as it lies in the model file (quantised blocks and all):
// the shaders decode the blocks themselves. A matrix larger than one buffer a shader can reach
// (maxStorageBufferRange: 128 MiB on lavapipe, less than Gemma 3's 178 MB token embedding) is
// kept as several parts of whole rows, each in its own buffer.

import Engine

public struct DeviceMatrix {
    /// Rows firstRow ..< firstRow + rows of the matrix, in a buffer of their own.
    public struct Part {
        public let buffer: DeviceBuffer
        public let firstRow: Int
        public let rows: Int
    }

    public let parts: [Part]
    public let type: GGMLType
    public let rows: Int
    public let columns: Int
    public let rowBytes: Int

    /// Bytes the matrix takes on the device (every part's buffer, padding included).
    public var byteCount: Int { parts.reduce(0) { $0 + $1.buffer.byteCount } }

    /// Uploads `matrix` once; the mapping it points into may be released afterwards.
    /// - maxPartBytes: a smaller limit per part than the device's (tests use it to make several).
    public init(uploading matrix: WeightMatrix, to device: ComputeDevice, maxPartBytes: Int? = nil) throws(VulkanError) {
        guard Kernels.matrixShader(for: matrix.type) != nil else {
            throw VulkanError(step: "uploading a \(matrix.type) matrix", detail: "the graphics card path has no \(matrix.type) shader yet")
        }
        let deviceLimit = Int(device.info.maxStorageBufferRange)
        let limit = maxPartBytes.map { min($0, deviceLimit) } ?? deviceLimit
        guard let ranges = Self.rowRanges(rows: matrix.rows, rowBytes: matrix.rowBytes, limit: limit) else {
            throw VulkanError(
                step: "uploading a \(matrix.type) matrix",
                detail: "one of its rows (\(matrix.rowBytes) bytes) is larger than the \(limit) bytes a shader can reach in one buffer")
        }
        var parts: [Part] = []
        for range in ranges {
            let bytes = range.count * matrix.rowBytes
            // Shaders read 32-bit words; a part whose size is not a multiple of 4 (Q4_0's 18-byte
            // blocks, Q6_K's 210) would leave its last bytes in a word past the buffer's end, which
            // reads as zero (robust access) or anything at all.
            let buffer = try DeviceBuffer(device: device, byteCount: (bytes + 3) & ~3)
            try buffer.write(UnsafeRawBufferPointer(start: matrix.base + range.lowerBound * matrix.rowBytes, count: bytes))
            parts.append(Part(buffer: buffer, firstRow: range.lowerBound, rows: range.count))
        }
        self.parts = parts
        type = matrix.type
        rows = matrix.rows
        columns = matrix.columns
        rowBytes = matrix.rowBytes
    }

    /// Consecutive row ranges covering 0 ..< rows, each as many rows as fit `limit` bytes once
    /// padded to whole 32-bit words; nil when a single row does not fit.
    static func rowRanges(rows: Int, rowBytes: Int, limit: Int) -> [Range<Int>]? {
        let usable = limit & ~3  // a multiple of 4, so rows that fit stay within it once padded
        guard rows > 0, rowBytes > 0, rowBytes <= usable else { return nil }
        let perPart = usable / rowBytes
        return stride(from: 0, to: rows, by: perPart).map { $0 ..< min(rows, $0 + perPart) }
    }
}
