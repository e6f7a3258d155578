// Every shader against the engine's CPU reference twins (computed in Double) on random data and
// edge cases: sizes that are not multiples of the workgroup, several vectors at once, more rows
// than one grid dimension holds. NMSE limits: products 1e-10 (f32 accumulation of the same
// decoded weights: observed ~1e-14), ops 1e-10; both far below the 5e-4 llama.cpp allows matrix
// products whose activations it quantises.

@testable import Engine
import Foundation
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Vulkan kernels against the CPU references", .onOwnThread)
struct KernelTests {
    static let limit = 1e-10

    /// Weights of `type`, rows × columns; columns: blocks per row not a multiple of 64 threads.
    static let shapes: [(GGMLType, rows: Int, columns: Int)] = [
        (.f32, 37, 100), (.f16, 37, 101), (.q8_0, 37, 32 * 5), (.q4_0, 37, 32 * 67),
        (.q4_1, 37, 32 * 5), (.q5_0, 37, 32 * 67), (.q5_1, 37, 32 * 5), (.q4_K, 19, 256 * 3), (.q5_K, 19, 256 * 3), (.q6_K, 19, 256 * 3),
    ]

    /// y = W·x in Double, from the engine's own decoding of each weight row (the self-test's).
    static func reference(_ matrix: WeightMatrix, _ x: [Float], vectors: Int) -> [Float] {
        DeviceKernelCases.productReference(matrix, x, vectors: vectors)
    }

    @Test("matrix-vector products match the engine's decoding for every weight type", arguments: shapes)
    func matrixVector(type: GGMLType, rows: Int, columns: Int) throws {
        let device = try Lavapipe.open()
        let weights = try SyntheticMatrix(type: type, rows: rows, columns: columns, seed: 19 + UInt64(type.rawValue))
        let vectors = 3
        let x = SyntheticMatrix.activations(count: vectors * columns, seed: 7)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        let input = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        let output = try DeviceBuffer(device: device, byteCount: 4 * vectors * rows)
        try input.write(x)
        // The matrix-vector shader, named (several vectors would otherwise take the tiled one: MatrixProductTests).
        try device.run(try Kernels.multiply(matrix, input, into: output, vectors: vectors, shader: Kernels.matrixShader(for: type)))
        let actual = try output.readFloats(count: vectors * rows)
        let expected = Self.reference(weights.matrix, x, vectors: vectors)
        let error = nmse(actual, expected)
        print("Vulkan NMSE matvec \(type) \(rows)x\(columns)x\(vectors): \(error)")
        #expect(error < Self.limit, "\(type): NMSE \(error)")
        #expect(expected.contains { $0 != 0 })
    }

    @Test("a product with more rows than one grid dimension holds (70,000 > 65,535) fills every row")
    func manyRows() throws {
        let device = try Lavapipe.open()
        let rows = 70_000, columns = 32
        let weights = try SyntheticMatrix(type: .q8_0, rows: rows, columns: columns, seed: 3)
        let x = SyntheticMatrix.activations(count: columns, seed: 4)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        let input = try DeviceBuffer(device: device, byteCount: 4 * columns)
        let output = try DeviceBuffer(device: device, byteCount: 4 * (rows + 1))
        try input.write(x)
        try output.write([Float](repeating: .nan, count: rows + 1))
        try device.run(try Kernels.multiply(matrix, input, into: output))
        let actual = try output.readFloats(count: rows + 1)
        #expect(nmse(Array(actual.prefix(rows)), Self.reference(weights.matrix, x, vectors: 1)) < Self.limit)
        #expect(actual[rows].isNaN, "nothing written past the last row")
    }

    @Test("products read and write at offsets into larger buffers")
    func productOffsets() throws {
        let device = try Lavapipe.open()
        let weights = try SyntheticMatrix(type: .q4_0, rows: 5, columns: 64, seed: 11)
        let x = SyntheticMatrix.activations(count: 64, seed: 12)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * 100)
        try buffer.write([Float](repeating: -1, count: 100))
        try buffer.write(x, at: 10)
        try device.run(try Kernels.multiply(matrix, buffer, inputOffset: 10, into: buffer, outputOffset: 80))
        let all = try buffer.readFloats(count: 100)
        #expect(nmse(Array(all[80..<85]), Self.reference(weights.matrix, x, vectors: 1)) < Self.limit)
        #expect(all[85..<100].allSatisfy { $0 == -1 } && all[0..<10].allSatisfy { $0 == -1 })
        #expect(throws: VulkanError.self) { try Kernels.multiply(matrix, buffer, inputOffset: 40, into: buffer) }
    }

    @Test("weight types without a shader are refused with the type's name")
    func unsupportedType() throws {
        let device = try Lavapipe.open()
        let weights = try SyntheticMatrix(type: .bf16, rows: 2, columns: 32, seed: 1)
        let error = try #require(throws: VulkanError.self) { try DeviceMatrix(uploading: weights.matrix, to: device) }
        #expect(error.message == "uploading a bf16 matrix failed: the graphics card path has no bf16 shader yet.")
    }

    @Test("sizes whose products overflow are refused with a VulkanError, not a trap")
    func overflowingSizes() throws {
        let device = try Lavapipe.open()
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * 1024)
        let huge = Int.max / 2
        #expect(throws: VulkanError.self) { try Kernels.rmsNorm(buffer, weight: buffer, into: buffer, rows: huge, count: 3, epsilon: 1e-6) }
        #expect(throws: VulkanError.self) { try Kernels.softmax(buffer, rows: 3, count: huge) }
        #expect(throws: VulkanError.self) {
            try Kernels.rope(buffer, table: buffer, batch: huge, heads: 3, headSize: 64, dimensions: 64, style: .halves)
        }
        #expect(throws: VulkanError.self) { try Kernels.quantize(buffer, vectors: huge, columns: 64, into: buffer) }
        let weights = try SyntheticMatrix(type: .q8_0, rows: 4, columns: 64, seed: 1)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        #expect(throws: VulkanError.self) { try Kernels.multiply(matrix, buffer, into: buffer, vectors: 1 << 62) }
        #expect(throws: VulkanError.self) { try Kernels.multiply(matrix, codes: buffer, into: buffer, vectors: huge) }
        // Within range the same calls are accepted.
        _ = try Kernels.softmax(buffer, rows: 3, count: 100)
        _ = try Kernels.quantize(buffer, vectors: 2, columns: 64, into: buffer)
    }

    @Test("RMSNorm matches the reference for rows of 1, 100 and 577 values", arguments: [1, 100, 577])
    func rmsNorm(count: Int) throws {
        let device = try Lavapipe.open()
        let rows = 3
        let x = SyntheticMatrix.activations(count: rows * count, seed: UInt64(count)).map { $0 * 4 }
        let weight = SyntheticMatrix.activations(count: count, seed: 99).map { $0 + 1.5 }
        let input = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        let weights = try DeviceBuffer(device: device, byteCount: 4 * count)
        let output = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        try input.write(x)
        try weights.write(weight)
        try device.run([try Kernels.rmsNorm(input, weight: weights, into: output, rows: rows, count: count, epsilon: 1e-6)])
        let actual = try output.readFloats(count: x.count)
        let expected = (0..<rows).flatMap { r in RMSNorm.reference(Array(x[r * count..<(r + 1) * count]), weight: weight, epsilon: 1e-6) }
        let error = nmse(actual, expected)
        print("Vulkan NMSE rms_norm \(rows)x\(count): \(error)")
        #expect(error < Self.limit)
    }

    @Test("softmax matches the reference, with large values that would overflow exp unshifted", arguments: [1, 77, 1000])
    func softmax(count: Int) throws {
        let device = try Lavapipe.open()
        let rows = 2
        var x = SyntheticMatrix.activations(count: rows * count, seed: 5).map { $0 * 20 }
        for i in 0..<count { x[count + i] += 1000 }  // second row: exp(1000) is infinite in f32
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        try buffer.write(x)
        try device.run([try Kernels.softmax(buffer, rows: rows, count: count)])
        let actual = try buffer.readFloats(count: x.count)
        let expected = (0..<rows).flatMap { r in Softmax.reference(Array(x[r * count..<(r + 1) * count])) }
        let error = nmse(actual, expected)
        print("Vulkan NMSE softmax \(rows)x\(count): \(error)")
        #expect(error < Self.limit)
        #expect(actual.allSatisfy { $0.isFinite })
    }

    @Test("SwiGLU matches the reference, including large negative and positive gates")
    func swiglu() throws {
        let device = try Lavapipe.open()
        let count = 1537
        var gate = SyntheticMatrix.activations(count: count, seed: 21).map { $0 * 8 }
        gate[0] = -100
        gate[1] = 100
        let up = SyntheticMatrix.activations(count: count, seed: 22)
        let gates = try DeviceBuffer(device: device, byteCount: 4 * count)
        let ups = try DeviceBuffer(device: device, byteCount: 4 * count)
        try gates.write(gate)
        try ups.write(up)
        try device.run([try Kernels.swiglu(gate: gates, up: ups, count: count)])
        let actual = try gates.readFloats(count: count)
        let error = nmse(actual, SwiGLU.reference(gate: gate, up: up))
        print("Vulkan NMSE swiglu \(count): \(error)")
        #expect(error < Self.limit)
        #expect(actual.allSatisfy { $0.isFinite })
    }

    @Test("SwiGLU matches the engine's own SwiGLU (llama.cpp's vector exp) within NMSE 1e-10")
    func swigluAgainstEngine() throws {
        let device = try Lavapipe.open()
        let count = 1537
        var gate = SyntheticMatrix.activations(count: count, seed: 23).map { $0 * 30 }
        gate[0] = -100
        gate[1] = 100
        gate[2] = 0
        let up = SyntheticMatrix.activations(count: count, seed: 24)
        let gates = try DeviceBuffer(device: device, byteCount: 4 * count), ups = try DeviceBuffer(device: device, byteCount: 4 * count)
        try gates.write(gate)
        try ups.write(up)
        try device.run([try Kernels.swiglu(gate: gates, up: ups, count: count)])
        let actual = try gates.readFloats(count: count)
        var expected = gate
        expected.withUnsafeMutableBufferPointer { g in up.withUnsafeBufferPointer { SwiGLU.apply(gate: g.baseAddress!, up: $0.baseAddress!, count: count) } }
        let error = nmse(actual, expected)
        print("Vulkan NMSE swiglu against SwiGLU.apply \(count): \(error); \(zip(actual, expected).filter { $0 != $1 }.count) values differ")
        #expect(error < Self.limit)
    }

    /// GELU inputs: the range where the f16 table is used, both cut-offs and beyond, tiny values.
    static let geluInputs: [Float] = {
        var x = SyntheticMatrix.activations(count: 3000, seed: 25).map { $0 * 12 }
        x += [0, -0.0, 1e-6, -1e-6, 3e-5, -10, 10, -10.001, 10.001, -9.999, 9.999, -5, 5, -100, 100, -1e6, 1e6, 0.5, -0.5]
        return x
    }()

    @Test("gated GELU matches the engine's GELU.applyGated (f16 input and table), and the Double definition within f16 rounding")
    func gelu() throws {
        let device = try Lavapipe.open()
        let gate = Self.geluInputs, count = gate.count
        let up = SyntheticMatrix.activations(count: count, seed: 26).map { $0 + 1.5 }
        let gates = try DeviceBuffer(device: device, byteCount: 4 * (count + 5)), ups = try DeviceBuffer(device: device, byteCount: 4 * (count + 2))
        try gates.write([Float](repeating: 3, count: count + 5))
        try gates.write(gate, at: 5)
        try ups.write(up, at: 2)
        try device.run([try Kernels.gelu(gate: gates, gateOffset: 5, up: ups, upOffset: 2, count: count)])
        let all = try gates.readFloats(count: count + 5)
        let actual = Array(all[5...])
        var expected = gate
        expected.withUnsafeMutableBufferPointer { g in up.withUnsafeBufferPointer { GELU.applyGated(gate: g.baseAddress!, up: $0.baseAddress!, count: count) } }
        // Inside ±10 (the f16 table's range) by NMSE; outside it the values are exact (0, or x · up),
        // and kept apart so the huge ones do not swamp the NMSE.
        let inside = gate.indices.filter { gate[$0].magnitude < 10 }, outside = gate.indices.filter { gate[$0].magnitude >= 10 }
        let definition = GELU.reference(gate: gate, up: up)
        let error = nmse(inside.map { actual[$0] }, inside.map { expected[$0] })
        let definitionError = nmse(inside.map { actual[$0] }, inside.map { definition[$0] })
        let differing = inside.filter { actual[$0] != expected[$0] }
        let largest = differing.map { (actual[$0] - expected[$0]).magnitude / max(expected[$0].magnitude, 1e-30) }.max() ?? 0
        print("Vulkan NMSE gelu \(inside.count) inside ±10: \(error) against GELU.applyGated (\(differing.count) differ, "
              + "inputs \(differing.map { gate[$0] }.min() ?? 0) ... \(differing.map { gate[$0] }.max() ?? 0), largest relative difference \(largest)), "
              + "\(definitionError) against Double")
        // The same f16 steps: values differ only where the device's tanh and the C library's tanhf
        // differ in their last bits. Observed: 121 of 2514, all at inputs from -5.2 to -2.1, where
        // 1 + tanh cancels in f32 (at -5, GELU is about one f32 step of tanh), so relative differences
        // reach 1 on tiny values; NMSE ~5e-14. Skipping the input's f16 rounding gives ~6e-9.
        #expect(error < 1e-10)
        // Against the definition the f16 roundings of input and output remain (relative ≤ 2^-11 each, ~1e-8 as NMSE).
        #expect(definitionError < 1e-6)
        #expect(outside.allSatisfy { actual[$0] == expected[$0] }, "at or beyond ±10: 0, or x · up exactly")
        #expect(outside.count > 10 && outside.contains { gate[$0] == -10 } && outside.contains { gate[$0] == 10 })
        #expect(all[..<5].allSatisfy { $0 == 3 })
    }

    @Test("RoPE in both styles matches the reference over several positions and heads, partial rotation included",
          arguments: [Kernels.RotaryStyle.adjacent, .halves])
    func rope(style: Kernels.RotaryStyle) throws {
        let device = try Lavapipe.open()
        let heads = 3, headSize = 64, positions = [0, 1, 17, 4000]
        for dimensions in [64, 32] {
            let rotary = RotaryEmbedding(dimensions: dimensions, frequencyBase: 10_000)
            let x = SyntheticMatrix.activations(count: positions.count * heads * headSize, seed: UInt64(dimensions))
            var table = [Float](repeating: 0, count: positions.count * dimensions)
            table.withUnsafeMutableBufferPointer { pointer in
                for (i, position) in positions.enumerated() { rotary.fillTable(position: position, into: pointer.baseAddress! + i * dimensions) }
            }
            let vectors = try DeviceBuffer(device: device, byteCount: 4 * x.count)
            let tables = try DeviceBuffer(device: device, byteCount: 4 * table.count)
            try vectors.write(x)
            try tables.write(table)
            try device.run([try Kernels.rope(vectors, table: tables, batch: positions.count, heads: heads, headSize: headSize,
                                             dimensions: dimensions, style: style)])
            let actual = try vectors.readFloats(count: x.count)
            // The engine's own rotation with the same table: the twin the device must match.
            var twin = x
            twin.withUnsafeMutableBufferPointer { v in
                table.withUnsafeBufferPointer { t in
                    for i in positions.indices {
                        let vector = v.baseAddress! + i * heads * headSize, angles = t.baseAddress! + i * dimensions
                        if style == .halves {
                            rotary.applyToHalves(table: angles, to: vector, heads: heads, headSize: headSize)
                        } else {
                            rotary.apply(table: angles, to: vector, heads: heads, headSize: headSize)
                        }
                    }
                }
            }
            // And the definition in Double, whose angles differ from the float table's by its rounding.
            var definition: [Float] = []
            for (i, position) in positions.enumerated() {
                for head in 0..<heads {
                    let start = (i * heads + head) * headSize
                    let vector = Array(x[start..<start + headSize])
                    definition += style == .halves ? rotary.referenceHalves(vector, position: position) : rotary.reference(vector, position: position)
                }
            }
            let error = nmse(actual, twin), definitionError = nmse(actual, definition)
            print("Vulkan NMSE rope \(style) \(dimensions)/\(headSize): \(error) (against Double: \(definitionError))")
            #expect(error < Self.limit, "\(style) \(dimensions): NMSE \(error)")
            #expect(definitionError < 1e-6, "\(style) \(dimensions): NMSE \(definitionError) against the definition")
            #expect(actual[(heads * headSize + dimensions)..<(heads * headSize + headSize)] == x[(heads * headSize + dimensions)..<(heads * headSize + headSize)],
                    "values past the rotated dimensions stay as they were")
        }
    }

    @Test("add and scale match plain arithmetic exactly")
    func addAndScale() throws {
        let device = try Lavapipe.open()
        let count = 300
        let a = SyntheticMatrix.activations(count: count, seed: 31), b = SyntheticMatrix.activations(count: count, seed: 32)
        let first = try DeviceBuffer(device: device, byteCount: 4 * count), second = try DeviceBuffer(device: device, byteCount: 4 * count)
        try first.write(a)
        try second.write(b)
        try device.run([try Kernels.add(first, second, count: count), try Kernels.scale(first, by: 0.125, count: count)])
        #expect(try first.readFloats(count: count) == zip(a, b).map { ($0 + $1) * 0.125 })
    }
}

extension KernelTests {
    @Test("add with a period adds one bias row to every row of a batch, exactly, at offsets")
    func addPeriodic() throws {
        let device = try Lavapipe.open()
        let rows = 5, width = 77, count = rows * width
        let x = SyntheticMatrix.activations(count: count, seed: 33), bias = SyntheticMatrix.activations(count: width, seed: 34)
        // The bias sits at the end of its buffer, so a bounds check on `count` addend values would refuse it.
        let target = try DeviceBuffer(device: device, byteCount: 4 * (count + 3))
        let addend = try DeviceBuffer(device: device, byteCount: 4 * (width + 10))
        try target.write([Float](repeating: -2, count: count + 3))
        try target.write(x, at: 3)
        try addend.write([Float](repeating: 1000, count: 10))
        try addend.write(bias, at: 10)
        try device.run([try Kernels.add(target, targetOffset: 3, addend, addendOffset: 10, count: count, addendPeriod: width)])
        let actual = try target.readFloats(count: count + 3)
        let expected = [-2, -2, -2] + (0..<count).map { x[$0] + bias[$0 % width] }
        #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern))
        // A period longer than the count reads only `count` values; one past the addend is refused.
        _ = try Kernels.add(target, addend, addendOffset: 10, count: width, addendPeriod: 1000)
        #expect(throws: VulkanError.self) { try Kernels.add(target, addend, addendOffset: 11, count: count, addendPeriod: width) }
        #expect(throws: VulkanError.self) { try Kernels.add(target, addend, count: count) }
        #expect(throws: VulkanError.self) { try Kernels.add(target, addend, count: width, addendPeriod: -1) }
    }
}

@Suite("Vulkan device check")
struct DeviceCheckTests {
    @Test("the quick device check passes on lavapipe with an error far below its limit")
    func passes() throws {
        let device = try Lavapipe.open()
        let error = try DeviceCheck.productError(on: device)
        print("Vulkan NMSE device check: \(error)")
        #expect(error < DeviceCheck.limit)
    }
}
