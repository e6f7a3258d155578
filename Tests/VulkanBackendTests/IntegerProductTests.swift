// The integer dot product shaders on a real model's matrices (SmolLM2's Q4_1 layers and its Q8_0
// output) against the processor's own fast kernel with its 8-bit inputs: the same codes and
// scales, summed exactly, so only the order of float additions differs.

import Engine
import Foundation
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Integer dot products on the graphics card (lavapipe)", .onOwnThread)
struct IntegerProductTests {
    @Test("SmolLM2's matrices: one vector and three, as the processor's usual kernel computes them")
    func modelMatrices() throws {
        let loaded = try LoadedModel.open(path: TestModels.smolLM2, threads: 2)
        let device = try Lavapipe.open()
        #expect(device.usesIntegerDotProduct, "lavapipe offers shaderIntegerDotProduct")
        let layer = loaded.model.weights.layers[0]
        for (name, w) in [("query", try #require(layer.query)), ("down", layer.down), ("output", loaded.model.weights.output)] {
            let vectors = 3
            // Every 97th value 30 times larger: blocks whose scale an outlier sets, as in real activations.
            let x = SyntheticMatrix.activations(count: vectors * w.columns, seed: 5).enumerated()
                .map { $0.offset % 97 == 0 ? $0.element * 30 : $0.element }
            let activations = try QuantizedActivations(matching: w, batch: vectors)
            x.withUnsafeBufferPointer { activations.quantize($0.baseAddress!, rows: vectors) }
            var fast = [Float](repeating: 0, count: vectors * w.rows)
            fast.withUnsafeMutableBufferPointer {
                MatrixProduct.multiply(w, activations, rows: 0..<w.rows, into: $0.baseAddress!, yStride: w.rows)
            }
            // The self-test's run: codes on the card, then one vector and all three.
            let (actual, expected) = try DeviceKernelCases.integerProducts(w, x, vectors: vectors, on: device, expected: fast)
            let one = nmse(Array(actual.prefix(w.rows)), Array(expected.prefix(w.rows)))
            let three = nmse(Array(actual.dropFirst(w.rows)), Array(expected.dropFirst(w.rows)))
            // Observed about 1e-13; a wrong code, scale or offset term gives 1e-4 or more.
            #expect(one < 1e-10 && three < 1e-10, "\(name) (\(w.type)): NMSE \(one) for one vector, \(three) for three")
        }
    }

    @Test("timing printout: 2048 × 2048 products with integer dot products against f32 inputs (lavapipe), one vector and 64")
    func timing() throws {
        let device = try Lavapipe.open()
        let clock = ContinuousClock()
        for type in [GGMLType.q4_0, .q4_1, .q8_0] {
            for vectors in [1, 64] {
                let rows = 2048, columns = 2048
                let weights = try SyntheticMatrix(type: type, rows: rows, columns: columns, seed: 3)
                let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
                let x = SyntheticMatrix.activations(count: vectors * columns, seed: 4)
                let input = try DeviceBuffer(device: device, byteCount: 4 * x.count)
                try input.write(x)
                let codes = try DeviceBuffer(device: device, byteCount: 4 * vectors * Kernels.codeWords(columns: columns))
                let output = try DeviceBuffer(device: device, byteCount: 4 * vectors * rows)
                let float = try Kernels.multiply(matrix, input, into: output, vectors: vectors)
                let integer = [try Kernels.quantize(input, vectors: vectors, columns: columns, into: codes)]
                    + (try Kernels.multiply(matrix, codes: codes, into: output, vectors: vectors))
                try device.run(float)
                try device.run(integer)
                // Interleaved, so a busy machine slows both alike.
                var floatTime = Duration.zero, integerTime = Duration.zero
                for _ in 0..<3 {
                    floatTime += try clock.measure { try device.run(float) }
                    integerTime += try clock.measure { try device.run(integer) }
                }
                print("Vulkan timing \(type) \(rows)x\(columns)x\(vectors): f32 inputs \(floatTime / 3), integer dot products \(integerTime / 3), "
                      + String(format: "%.2f× faster", floatTime / integerTime))
            }
        }
    }
}
