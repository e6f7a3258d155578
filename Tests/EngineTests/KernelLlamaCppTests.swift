// The x86 kernels against llama.cpp itself: real rows of the SmolLM2 test model, activations
// quantised and multiplied by llama.cpp's CPU backend (Fixtures/Kernels, made by
// scripts/make-kernel-fixtures), compared bit for bit.
import Engine
import Foundation
import Testing

/// One tensor's rows with llama.cpp's quantised activations and products.
struct LlamaCppProductCase: Decodable, CustomStringConvertible {
    let tensor: String
    let type: UInt32
    let rows: Int
    let columns: Int
    let batch: Int
    let weights: String
    let inputs: [UInt32]
    let activations: String
    let products: [UInt32]

    var description: String { tensor }

    static let all: [LlamaCppProductCase] = {
        struct File: Decodable { let cases: [LlamaCppProductCase] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/Kernels/llama-cpp-products.json")
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }

    /// Runs `body` with the weights and activations quantised on `path`.
    func with<R>(path: KernelPath, _ body: (WeightMatrix, QuantizedActivations) throws -> R) throws -> R {
        let weightBytes = Self.bytes(weights)
        let floats = inputs.map(Float.init(bitPattern:))
        return try weightBytes.withUnsafeBytes { raw in
            let type = try #require(GGMLType(rawValue: self.type))
            let w = try WeightMatrix(base: raw.baseAddress!, type: type, rows: rows, columns: columns)
            let x = try QuantizedActivations(matching: w, batch: batch)
            floats.withUnsafeBufferPointer { x.quantize($0.baseAddress!, path: path) }
            return try body(w, x)
        }
    }

    /// W·x on `path`, batch × rows.
    static func product(_ w: WeightMatrix, _ x: QuantizedActivations, path: KernelPath) -> [Float] {
        var y = [Float](repeating: .nan, count: w.rows * x.batch)
        y.withUnsafeMutableBufferPointer {
            MatrixProduct.multiply(w, x, rows: 0..<w.rows, into: $0.baseAddress!, yStride: w.rows, path: path)
        }
        return y
    }
}

@Suite("Kernels against llama.cpp")
struct KernelLlamaCppTests {
    @Test("the fixture is present")
    func fixturePresent() {
        #expect(LlamaCppProductCase.all.count == 3)
    }

    @Test("activations quantise to llama.cpp's bytes on every path", arguments: LlamaCppProductCase.all)
    func quantisation(fixture: LlamaCppProductCase) throws {
        let expected = LlamaCppProductCase.bytes(fixture.activations)
        for path in KernelPath.supported {
            let actual = try fixture.with(path: path) { _, x in (0..<fixture.batch).flatMap { Array(x.bytes(ofRow: $0)) } }
            #expect(actual == expected, "\(path)")
        }
    }

    @Test("x86 products equal llama.cpp's bit for bit, one activation row or several", arguments: LlamaCppProductCase.all)
    func products(fixture: LlamaCppProductCase) throws {
        for path in KernelPath.supported where path != .portable {
            let y = try fixture.with(path: path) { w, x in LlamaCppProductCase.product(w, x, path: path) }
            #expect(y.map(\.bitPattern) == fixture.products, "\(path)")
            // Generation multiplies one row at a time: the same numbers.
            let single = try fixture.with(path: path) { w, _ in
                let one = try QuantizedActivations(matching: w, batch: 1)
                fixture.inputs.prefix(fixture.columns).map(Float.init(bitPattern:)).withUnsafeBufferPointer { one.quantize($0.baseAddress!, path: path) }
                return LlamaCppProductCase.product(w, one, path: path)
            }
            #expect(single.map(\.bitPattern) == Array(fixture.products.prefix(fixture.rows)), "\(path) batch 1")
        }
    }

    @Test("the portable path agrees with llama.cpp within NMSE 1e-10", arguments: LlamaCppProductCase.all)
    func portable(fixture: LlamaCppProductCase) throws {
        let y = try fixture.with(path: .portable) { w, x in LlamaCppProductCase.product(w, x, path: .portable) }
        #expect(nmse(doubles(y), fixture.products.map { Double(Float(bitPattern: $0)) }) < 1e-10)
    }
}
