// The matrix-matrix shaders (a tile of 8 vectors per workgroup, each weight block decoded once)
// against the matrix-vector shaders on the same data, for every weight type, on vector counts
// that fill no tile, one tile, a tile and one, and several tiles and a bit. Both run the same
// per-type GLSL (the block formats' files) in f32, so the limit is NMSE 1e-12; on lavapipe the
// two give the same bits, which the test prints. Also a small timing printout of a 512-vector
// product both ways (not an assertion: lavapipe's speed says little about a graphics card's).

@testable import Engine
import Foundation
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Vulkan matrix-matrix products against matrix-vector products", .onOwnThread)
struct MatrixProductTests {
    static let limit = 1e-12

    @Test("the tiled product equals the matrix-vector product for every weight type and vector count",
          arguments: KernelTests.shapes)
    func tiledEqualsVector(type: GGMLType, rows: Int, columns: Int) throws {
        let device = try Lavapipe.open()
        let weights = try SyntheticMatrix(type: type, rows: rows, columns: columns, seed: 90 + UInt64(type.rawValue))
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        let stride = rows + 3
        for vectors in [1, 3, 8, 9, 33] {
            let x = SyntheticMatrix.activations(count: vectors * columns, seed: UInt64(vectors))
            let input = try DeviceBuffer(device: device, byteCount: 4 * x.count)
            try input.write(x)
            func product(_ shader: Shader?) throws -> [Float] {
                let output = try DeviceBuffer(device: device, byteCount: 4 * vectors * stride)
                try output.write([Float](repeating: .nan, count: vectors * stride))
                try device.run(try Kernels.multiply(matrix, input, into: output, vectors: vectors, outputStride: stride, shader: shader))
                return try output.readFloats(count: vectors * stride)
            }
            let vector = try product(Kernels.matrixShader(for: type)), tiled = try product(Kernels.matrixTileShader(for: type))
            let written = (0..<vectors).flatMap { v in (v * stride..<v * stride + rows) }
            let error = nmse(written.map { tiled[$0] }, written.map { vector[$0] })
            let same = tiled.map(\.bitPattern) == vector.map(\.bitPattern)
            print("Vulkan NMSE matmul \(type) \(rows)x\(columns)x\(vectors) against matvec: \(error)\(same ? " (same bits)" : "")")
            #expect(error < Self.limit, "\(type), \(vectors) vectors: NMSE \(error)")
            #expect(written.allSatisfy { tiled[$0].isFinite }, "every output written")
            #expect((0..<vectors).allSatisfy { v in tiled[v * stride + rows..<(v + 1) * stride].allSatisfy { $0.isNaN } },
                    "nothing written between a vector's rows and the next")
            // And both against the engine's decoding, so agreeing on a wrong answer cannot pass.
            let expected = KernelTests.reference(weights.matrix, x, vectors: vectors)
            #expect(nmse(written.map { tiled[$0] }, expected) < KernelTests.limit)
        }
    }

    @Test("Kernels.multiply takes the tiled shader for several vectors and the vector shader for one")
    func choosesShader() throws {
        let device = try Lavapipe.open()
        let weights = try SyntheticMatrix(type: .q4_0, rows: 4, columns: 64, seed: 1)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * 1024)
        #expect(try Kernels.multiply(matrix, buffer, into: buffer).map(\.shader) == [.matvecQ4_0])
        let tiled = try Kernels.multiply(matrix, buffer, into: buffer, vectors: 9)
        #expect(tiled.map(\.shader) == [.matmulQ4_0] && tiled[0].groups.z == 2)
    }

    @Test("timing printout: a 512-vector Q4_0 product, matrix-vector against tiled (lavapipe), same results")
    func timing() throws {
        let device = try Lavapipe.open()
        let rows = 128, columns = 1024, vectors = 512
        let weights = try SyntheticMatrix(type: .q4_0, rows: rows, columns: columns, seed: 3)
        let matrix = try DeviceMatrix(uploading: weights.matrix, to: device)
        let x = SyntheticMatrix.activations(count: vectors * columns, seed: 4)
        let input = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        let output = try DeviceBuffer(device: device, byteCount: 4 * vectors * rows)
        try input.write(x)
        var times: [Shader: [Duration]] = [:]
        var results: [Shader: [Float]] = [:]
        // Interleaved A B A B, so a change in the machine's load hits both.
        for _ in 0..<2 {
            for shader in [Shader.matvecQ4_0, .matmulQ4_0] {
                let dispatches = try Kernels.multiply(matrix, input, into: output, vectors: vectors, shader: shader)
                let start = ContinuousClock.now
                try device.run(dispatches)
                times[shader, default: []].append(ContinuousClock.now - start)
                results[shader] = try output.readFloats(count: vectors * rows)
            }
        }
        let vector = times[.matvecQ4_0]!.min()!, tiled = times[.matmulQ4_0]!.min()!
        print("Vulkan timing \(rows)x\(columns) Q4_0 × \(vectors) vectors on lavapipe (best of 2): matvec \(vector), "
              + "matmul \(tiled), ratio \(String(format: "%.2f", vector / tiled))×")
        #expect(nmse(results[.matmulQ4_0]!, results[.matvecQ4_0]!) < Self.limit)
    }
}
