// A matrix larger than one buffer a shader can reach goes up in parts of whole rows; a product
// over the parts must equal the product over one buffer bit for bit (each output row is summed
// by the same workgroup code either way), at any output offset and stride.

@testable import Engine
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Vulkan weight matrices in several buffers", .onOwnThread)
struct DeviceMatrixTests {
    @Test("row ranges cover every row once, each within the limit once padded to whole words")
    func rowRanges() throws {
        // Gemma 3 270M's token embedding: 262,144 rows of 640 Q8_0 values (680 bytes), 178 MB.
        let gemma = try #require(DeviceMatrix.rowRanges(rows: 262_144, rowBytes: 680, limit: 1 << 27))
        #expect(gemma.count == 2)
        #expect(gemma.first == 0 ..< 197_379 && gemma.last == 197_379 ..< 262_144)
        for (rows, rowBytes, limit) in [(37, 18 * 67, 5000), (5, 210, 1000), (10, 4, 7), (1, 100, 100)] {
            let ranges = try #require(DeviceMatrix.rowRanges(rows: rows, rowBytes: rowBytes, limit: limit))
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == rows)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(ranges.allSatisfy { !$0.isEmpty && ($0.count * rowBytes + 3) & ~3 <= limit })
            // As few parts as possible: one more row would not have fitted.
            #expect(ranges.dropLast().allSatisfy { (($0.count + 1) * rowBytes + 3) & ~3 > limit })
        }
        #expect(DeviceMatrix.rowRanges(rows: 3, rowBytes: 101, limit: 100) == nil)
    }

    /// Rows of 162, 210 and 200 bytes: parts whose sizes are not whole 32-bit words.
    @Test("a product over several parts equals the one-buffer product exactly",
          arguments: [(GGMLType.q4_0, 32 * 9), (.q6_K, 256), (.f16, 100)])
    func partsEqualWhole(type: GGMLType, columns: Int) throws {
        let device = try Lavapipe.open()
        let rows = 45, vectors = 3, stride = 50, offset = 7
        let weights = try SyntheticMatrix(type: type, rows: rows, columns: columns, seed: 5 + UInt64(type.rawValue))
        let whole = try DeviceMatrix(uploading: weights.matrix, to: device)
        // Eleven parts of 4 rows and a last one of 1.
        let split = try DeviceMatrix(uploading: weights.matrix, to: device, maxPartBytes: 4 * weights.matrix.rowBytes + 3)
        #expect(whole.parts.count == 1)
        #expect(split.parts.count == 12 && split.parts.map(\.rows).reduce(0, +) == rows)
        #expect(split.byteCount >= weights.matrix.byteCount && split.byteCount <= weights.matrix.byteCount + 3 * split.parts.count)

        let x = SyntheticMatrix.activations(count: vectors * columns, seed: 8)
        let input = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        try input.write(x)
        let outputs = offset + vectors * stride
        func product(_ matrix: DeviceMatrix) throws -> [Float] {
            let output = try DeviceBuffer(device: device, byteCount: 4 * outputs)
            try output.write([Float](repeating: .nan, count: outputs))
            let dispatches = try Kernels.multiply(matrix, input, into: output, outputOffset: offset, vectors: vectors, outputStride: stride)
            #expect(dispatches.count == matrix.parts.count)
            try device.run(dispatches)
            return try output.readFloats(count: outputs)
        }
        let one = try product(whole), several = try product(split)
        #expect(one.map(\.bitPattern) == several.map(\.bitPattern))
        // Rows land where they belong: between vectors the stride's gap is left alone.
        let expected = KernelTests.reference(weights.matrix, x, vectors: vectors)
        for v in 0..<vectors {
            let start = offset + v * stride
            #expect(nmse(Array(several[start..<start + rows]), Array(expected[v * rows..<(v + 1) * rows])) < KernelTests.limit)
            #expect(several[start + rows..<start + stride].allSatisfy { $0.isNaN }, "vector \(v): nothing written between rows and stride")
        }
        #expect(several[0..<offset].allSatisfy { $0.isNaN })
    }

    @Test("a matrix just over the device's buffer limit (lavapipe: 128 MiB) goes up in two parts and multiplies correctly")
    func overTheDeviceLimit() throws {
        let device = try Lavapipe.open()
        let columns = 2048, rowBytes = 2176  // Q8_0: 64 blocks of 34 bytes
        let limit = Int(device.info.maxStorageBufferRange)
        let rows = limit / rowBytes + 20
        let weights = try SyntheticMatrix(type: .q8_0, rows: rows, columns: columns, seed: 40)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        #expect(matrix.parts.count == 2 && matrix.parts[1].rows == 20 && matrix.parts[1].firstRow == limit / rowBytes)
        let x = SyntheticMatrix.activations(count: columns, seed: 41)
        let input = try DeviceBuffer(device: device, byteCount: 4 * columns)
        let output = try DeviceBuffer(device: device, byteCount: 4 * rows)
        try input.write(x)
        try device.run(try Kernels.multiply(matrix, input, into: output))
        let actual = try output.readFloats(count: rows)
        // The rows on both sides of the parts' boundary and at both ends, against the engine's decoding.
        let boundary = matrix.parts[1].firstRow
        let sample = [0, 1, boundary - 2, boundary - 1, boundary, boundary + 1, rows - 1]
        var decoded = [Float](repeating: 0, count: columns)
        var expected: [Float] = []
        for r in sample {
            decoded.withUnsafeMutableBufferPointer { Dequantize.row(weights.matrix, row: r, into: $0.baseAddress!) }
            expected.append(Float(zip(decoded, x).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }))
        }
        #expect(nmse(sample.map { actual[$0] }, expected) < KernelTests.limit)
    }

    @Test("an output stride smaller than the rows, or outputs past the buffer, are refused")
    func refusesBadStrides() throws {
        let device = try Lavapipe.open()
        let weights = try SyntheticMatrix(type: .q8_0, rows: 8, columns: 32, seed: 2)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device, maxPartBytes: 3 * 34 + 2)
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * 64)
        #expect(throws: VulkanError.self) { try Kernels.multiply(matrix, buffer, into: buffer, vectors: 2, outputStride: 7) }
        #expect(throws: VulkanError.self) { try Kernels.multiply(matrix, buffer, into: buffer, outputOffset: 1, vectors: 2, outputStride: 56) }
        #expect(throws: VulkanError.self) { try Kernels.multiply(matrix, buffer, into: buffer, vectors: 2, outputStride: .max) }
        #expect(throws: VulkanError.self) { try Kernels.multiply(matrix, buffer, into: buffer, vectors: .max) }
        #expect(try Kernels.multiply(matrix, buffer, into: buffer, vectors: 2, outputStride: 56).count == 3)
        #expect(throws: VulkanError.self) { try DeviceMatrix(uploading: weights.matrix, to: device, maxPartBytes: 33) }
    }
}
