// The integer dot product shaders on real models' matrices (SmolLM2's Q4_1 layers and its Q8_0
// output; Gemma 3's Q5_0, Q4_K, Q6_K and Q8_0) against the processor's own fast kernel with its
// 8-bit inputs where it uses the card's codes (the same codes and scales, summed exactly, so only
// the order of float additions differs), and for the K-quants against the exact product with the
// card's codes.

import Engine
import Foundation
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Integer dot products on the graphics card (lavapipe)", .onOwnThread)
struct IntegerProductTests {
    @Test("SmolLM2's matrices: one vector and three, as the processor's usual kernel computes them")
    func smolLM2Matrices() throws {
        let loaded = try LoadedModel.open(path: TestModels.smolLM2, threads: 2)
        let layer = loaded.model.weights.layers[0]
        try check([("query", try #require(layer.query)), ("down", layer.down), ("output", loaded.model.weights.output)])
    }

    /// Gemma 3's Q4_K_M file mixes Q5_0, Q4_K, Q6_K and Q8_0. The processor multiplies its
    /// K-quants with one input scale per 256 values (Q8_K), the card with one per 32, so for those
    /// the reference is the exact product with the card's codes (the self-test's).
    @Test("Gemma 3's matrices: the processor's kernel where it uses the same codes, else the exact product with them")
    func gemmaMatrices() throws {
        let loaded = try LoadedModel.open(path: TestModels.gemma3, threads: 2)
        let layers = loaded.model.weights.layers
        var matrices: [(String, WeightMatrix)] = []  // the first of each type
        for (index, layer) in layers.enumerated() {
            let named: [(String, WeightMatrix?)] = [("query", layer.query), ("key", layer.key), ("value", layer.value),
                                                    ("attention output", layer.attentionOutput), ("gate", layer.gate),
                                                    ("up", layer.up), ("down", layer.down)]
            for (name, w) in named {
                guard let w, !matrices.contains(where: { $0.1.type == w.type }) else { continue }
                matrices.append(("layer \(index) \(name)", w))
            }
        }
        let types = Set(matrices.map(\.1.type))
        #expect(types.isSuperset(of: [.q5_0, .q4_K, .q6_K]), "the file's types: \(types)")
        try check(matrices)
    }

    func check(_ matrices: [(String, WeightMatrix)]) throws {
        let device = try Lavapipe.open()
        #expect(device.usesIntegerDotProduct, "lavapipe offers shaderIntegerDotProduct, and a software renderer uses it unaccelerated")
        for (name, w) in matrices {
            let vectors = 3
            // Every 97th value 30 times larger: blocks whose scale an outlier sets, as in real activations.
            let x = SyntheticMatrix.activations(count: vectors * w.columns, seed: 5).enumerated()
                .map { $0.offset % 97 == 0 ? $0.element * 30 : $0.element }
            let expected: [Float]
            if DeviceKernelCases.processorSharesCodes(w.type) {
                let activations = try QuantizedActivations(matching: w, batch: vectors)
                x.withUnsafeBufferPointer { activations.quantize($0.baseAddress!, rows: vectors) }
                var fast = [Float](repeating: 0, count: vectors * w.rows)
                fast.withUnsafeMutableBufferPointer {
                    MatrixProduct.multiply(w, activations, rows: 0..<w.rows, into: $0.baseAddress!, yStride: w.rows)
                }
                expected = fast
            } else {
                expected = try DeviceKernelCases.codesReference(w, x, vectors: vectors)
            }
            // The self-test's run: codes on the card, then one vector and all three.
            let (actual, reference) = try DeviceKernelCases.integerProducts(w, x, vectors: vectors, on: device, expected: expected)
            let one = nmse(Array(actual.prefix(w.rows)), Array(reference.prefix(w.rows)))
            let three = nmse(Array(actual.dropFirst(w.rows)), Array(reference.dropFirst(w.rows)))
            // Observed 1e-14 where only the float order differs, 1e-13 for Q4_1 against the
            // processor's kernel (which also takes Q8_1's f16 scaled sum), 2e-7 for Gemma's Q4_K
            // against the exact product: its minimums are large and meet the inputs' sum rounded to
            // f16, as llama.cpp's Q8_1 keeps it (8-bit inputs themselves move a product by ~1e-5).
            // A wrong code, scale or offset term gives 1e-4 or more. The limit is the self-test's.
            #expect(one < DeviceKernelLimits.sameCodes && three < DeviceKernelLimits.sameCodes, "\(name) (\(w.type)): NMSE \(one) for one vector, \(three) for three")
            print("Integer products on lavapipe, \(name) (\(w.type), \(w.rows)×\(w.columns)): NMSE \(one) for one vector, \(three) for three")
        }
    }

    @Test("timing printout: 2048 × 2048 products with integer dot products against f32 inputs (lavapipe), one vector and 64")
    func timing() throws {
        let device = try Lavapipe.open()
        let clock = ContinuousClock()
        for type in [GGMLType.q4_0, .q4_1, .q8_0, .q4_K, .q6_K] {
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
