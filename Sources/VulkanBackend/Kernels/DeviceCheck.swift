// A quick proof that a device computes correctly: one small quantised product on the device
// against the engine's decoding of the same weights, before anyone relies on the device.

import Engine

public enum DeviceCheck {
    /// The largest error a correct device shows on this product (observed on lavapipe: ~1e-15).
    public static let limit = 1e-10

    /// The NMSE of a 64 × 256 Q4_0 product (random weights, fixed seed) computed on `device`
    /// against the same product computed on the processor in Double.
    public static func productError(on device: ComputeDevice) throws(VulkanError) -> Double {
        let rows = 64, columns = 256
        let weights: SyntheticMatrix
        do {
            weights = try SyntheticMatrix(type: .q4_0, rows: rows, columns: columns, seed: 2026)
        } catch {
            throw VulkanError(step: "making the check's weights", detail: "\(error)")
        }
        let x = SyntheticMatrix.activations(count: columns, seed: 19)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        let input = try DeviceBuffer(device: device, byteCount: 4 * columns)
        let output = try DeviceBuffer(device: device, byteCount: 4 * rows)
        try input.write(x)
        try device.run(try Kernels.multiply(matrix, input, into: output))
        let actual = try output.readFloats(count: rows)

        var decoded = [Float](repeating: 0, count: columns)
        var error = 0.0, norm = 0.0
        for r in 0..<rows {
            decoded.withUnsafeMutableBufferPointer { Dequantize.row(weights.matrix, row: r, into: $0.baseAddress!) }
            let expected = zip(decoded, x).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            error += (Double(actual[r]) - expected) * (Double(actual[r]) - expected)
            norm += expected * expected
        }
        return norm > 0 ? error / norm : error
    }
}
