// The kernels against llama.cpp itself: for every weight type with kernels, a small matrix
// quantised by llama.cpp's quantiser, activations converted by its CPU backend, its dot products
// and its decoding of a row (Fixtures/Kernels, made by scripts/make-kernel-fixtures).
@testable import Engine
import Foundation
import Testing

/// One weight type's matrix with llama.cpp's activations, products and decoding.
struct LlamaCppProductCase: Decodable, CustomStringConvertible {
    let name: String
    let type: UInt32
    let rows: Int
    let columns: Int
    let batch: Int
    let activationType: UInt32
    /// Hex of little-endian bytes; float arrays as their f32 bytes.
    let weights: String
    let inputs: String
    let activations: String
    let products: String
    let firstRowDecoded: String

    var description: String { name }

    struct File: Decodable {
        let source: String
        let cases: [LlamaCppProductCase]
    }

    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Kernels/llama-cpp-products.json")

    /// The fixture, or nil when it is missing or unreadable (a test then fails saying so).
    static let file: File? = {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(File.self, from: data)
    }()

    static var all: [LlamaCppProductCase] { file?.cases ?? [] }

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let nibble: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
            if let h = high {
                out.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return out
    }

    static func floats(_ hex: String) -> [Float] {
        let raw = bytes(hex)
        return stride(from: 0, to: raw.count - 3, by: 4).map { i in
            Float(bitPattern: UInt32(raw[i]) | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 3]) << 24)
        }
    }

    var expectedProducts: [Float] { Self.floats(products) }

    /// Runs `body` with the weights and the first `batch` activation rows quantised on `path`.
    func with<R>(path: KernelPath, batch: Int? = nil, _ body: (WeightMatrix, QuantizedActivations) throws -> R) throws -> R {
        let weightBytes = Self.bytes(weights)
        let floats = Self.floats(inputs)
        let type = try #require(GGMLType(rawValue: self.type))
        return try weightBytes.withUnsafeBytes { raw in
            let w = try WeightMatrix(base: raw.baseAddress!, type: type, rows: rows, columns: columns)
            let x = try QuantizedActivations(matching: w, batch: batch ?? self.batch)
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

    /// How closely `path`'s products must match llama.cpp's.
    func tolerance(on path: KernelPath, batch: Int) -> LlamaCppTolerance {
        // The portable Swift kernels add each block's (or each lane's) result to one f32 sum in
        // turn, where llama.cpp's x86 kernels keep 8 lanes and add them at the end: the same
        // integer dot products, rounded in another order (about 1e-7 relative per output).
        if path == .portable { return .nmse(1e-10) }
        switch GGMLType(rawValue: type) {
        // llama.cpp's float dot products sum in an order set by the vector width it was built
        // for (4×8 lanes with AVX2, 2 or 4 × 16 with AVX-512, vdpbf16ps with AVX512-BF16) and add
        // the tail in double; ours keeps one order on every CPU so results never depend on it.
        case .f32?, .f16?, .bf16?: return .nmse(1e-10)
        // Prompts of Q4_0 and Q4_K weights run on interleaved row groups with one multiply-add
        // per block (as llama.cpp's own prompt path, on weights it repacks, also does): the same
        // integer block sums, rounded in another order than llama.cpp's one-row kernel the
        // fixture holds.
        case .q4_0? where batch > 1, .q4_K? where batch > 1: return .nmse(1e-10)
        // The quantised x86 kernels do llama.cpp's x86 arithmetic step for step: same integer
        // lanes, same fused multiply-adds, same horizontal sums.
        default: return .bitExact
        }
    }
}

enum LlamaCppTolerance: Equatable {
    case bitExact
    case nmse(Double)
}

@Suite("Kernels against llama.cpp")
struct KernelLlamaCppTests {
    @Test("the fixture covers every weight type with kernels")
    func fixtureCoversEveryType() throws {
        let file = try #require(LlamaCppProductCase.file, "missing or unreadable \(LlamaCppProductCase.url.path): run scripts/make-kernel-fixtures (needs pip install llama-cpp-python numpy)")
        #expect(Set(file.cases.map(\.type)) == Set(kernelTypes.map(\.rawValue)))
        print("llama.cpp fixture from \(file.source)")
    }

    @Test("activations convert to llama.cpp's bytes on every path", arguments: LlamaCppProductCase.all)
    func activations(fixture: LlamaCppProductCase) throws {
        let expected = LlamaCppProductCase.bytes(fixture.activations)
        for path in testedKernelPaths {
            let actual = try fixture.with(path: path) { _, x in
                #expect(x.type.rawValue == fixture.activationType)
                return (0..<fixture.batch).flatMap { Array(x.bytes(ofRow: $0)) }
            }
            #expect(actual == expected, "\(fixture) \(path)")
        }
    }

    @Test("a weight row decodes to llama.cpp's floats bit for bit", arguments: LlamaCppProductCase.all)
    func decoding(fixture: LlamaCppProductCase) throws {
        let expected = LlamaCppProductCase.floats(fixture.firstRowDecoded)
        let actual = try fixture.with(path: .portable) { w, _ in
            var row = [Float](repeating: .nan, count: w.columns)
            row.withUnsafeMutableBufferPointer { Dequantize.row(w, row: 0, into: $0.baseAddress!) }
            return row
        }
        #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern), "\(fixture)")
    }

    @Test("products match llama.cpp's, bit for bit where the arithmetic is the same, one activation row or several", arguments: LlamaCppProductCase.all)
    func products(fixture: LlamaCppProductCase) throws {
        let expected = fixture.expectedProducts
        for path in testedKernelPaths {
            let y = try fixture.with(path: path) { w, x in LlamaCppProductCase.product(w, x, path: path) }
            // Generation multiplies one row at a time: the same numbers.
            let single = try fixture.with(path: path, batch: 1) { w, x in LlamaCppProductCase.product(w, x, path: path) }
            switch fixture.tolerance(on: path, batch: fixture.batch) {
            case .bitExact:
                #expect(y.map(\.bitPattern) == expected.map(\.bitPattern), "\(fixture) \(path)")
            case .nmse(let limit):
                let error = nmse(doubles(y), doubles(expected))
                #expect(error <= limit, "\(fixture) \(path): NMSE \(error)")
            }
            switch fixture.tolerance(on: path, batch: 1) {
            case .bitExact:
                #expect(single.map(\.bitPattern) == expected.prefix(fixture.rows).map(\.bitPattern), "\(fixture) \(path) batch 1")
            case .nmse(let limit):
                #expect(nmse(doubles(single), doubles(Array(expected.prefix(fixture.rows)))) <= limit, "\(fixture) \(path) batch 1")
            }
        }
    }
}
