// A weight matrix copied to the device as it lies in the model file (quantised blocks and all):
// the shaders decode the blocks themselves.

import Engine

public struct DeviceMatrix {
    public let buffer: DeviceBuffer
    public let type: GGMLType
    public let rows: Int
    public let columns: Int
    public let rowBytes: Int

    /// Uploads `matrix` once; the mapping it points into may be released afterwards.
    public init(uploading matrix: WeightMatrix, to device: ComputeDevice) throws(VulkanError) {
        guard Kernels.matrixShader(for: matrix.type) != nil else {
            throw VulkanError(step: "uploading a \(matrix.type) matrix", detail: "the graphics card path has no \(matrix.type) shader yet")
        }
        // Shaders read 32-bit words; a matrix whose size is not a multiple of 4 (Q4_0's 18-byte
        // blocks, Q6_K's 210) would leave its last bytes in a word past the buffer's end, which
        // reads as zero (robust access) or anything at all.
        let (padded, overflow) = matrix.byteCount.addingReportingOverflow(3)
        guard !overflow else { throw VulkanError(step: "uploading a matrix", detail: "it is too large") }
        buffer = try DeviceBuffer(device: device, byteCount: padded & ~3)
        try buffer.write(UnsafeRawBufferPointer(start: matrix.base, count: matrix.byteCount))
        type = matrix.type
        rows = matrix.rows
        columns = matrix.columns
        rowBytes = matrix.rowBytes
    }
}
