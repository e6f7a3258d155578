// Quantising activations to the 8-bit block formats: round trips, stored sums, edge values.
@testable import Engine
import Testing

@Suite("Activation quantisation")
struct KernelQuantizeTests {
    /// The activation format each weight type pairs with, one weight type per format.
    static let pairs: [(weights: GGMLType, activations: GGMLType)] = [
        (.q4_0, .q8_0), (.q4_1, .q8_1), (.q4_K, .q8_K), (.f16, .f16), (.bf16, .bf16), (.f32, .f32),
    ]

    func roundTrip(_ weightType: GGMLType, _ input: [Float]) throws -> (QuantizedActivations, [Float]) {
        let x = try QuantizedActivations(columns: input.count, batch: 1, for: weightType)
        input.withUnsafeBufferPointer { x.quantize($0.baseAddress!) }
        var out = [Float](repeating: .nan, count: input.count)
        out.withUnsafeMutableBufferPointer { x.dequantizeRow(0, into: $0.baseAddress!) }
        return (x, out)
    }

    @Test("quantise then dequantise moves each value by at most half a step of its block")
    func roundTrips() throws {
        let input = makeActivations(count: 512, seed: 11)
        for (weights, activations) in Self.pairs {
            let (x, out) = try roundTrip(weights, input)
            #expect(x.type == activations)
            let block = activations.isQuantized ? activations.blockSize : 1
            for start in stride(from: 0, to: input.count, by: block) {
                let values = input[start..<(start + block)]
                let amax = values.map(abs).max() ?? 0
                for i in values.indices {
                    // Half a quantisation step, plus the rounding of the stored scale or value.
                    let step: Float = switch activations {
                    case .f32: 0
                    case .f16: abs(input[i]) * 0x1p-11
                    case .bf16: abs(input[i]) * 0x1p-8
                    default: amax / 127 / 2 + abs(input[i]) * 0x1p-10
                    }
                    #expect(abs(out[i] - input[i]) <= step, "\(activations) value \(i)")
                }
            }
        }
    }

    @Test("the largest magnitude in a block maps to ±127 exactly and zeros stay zero")
    func extremes() throws {
        var input = [Float](repeating: 0, count: 256)
        input[3] = -4
        input[40] = 2
        for weights in [GGMLType.q4_0, .q4_1, .q4_K] {
            let (_, out) = try roundTrip(weights, input)
            #expect(abs(out[3] + 4) <= 4 * 0x1p-11, "\(weights)")
            #expect(out[32..<64].filter { $0 != 0 }.count == 1, "\(weights)")
            #expect(out[200..<256].allSatisfy { $0 == 0 }, "\(weights)")
        }
    }

    @Test("a row of zeros quantises to zero scales and codes")
    func zeros() throws {
        for weights in [GGMLType.q8_0, .q5_1, .q6_K] {
            let (_, out) = try roundTrip(weights, [Float](repeating: 0, count: 256))
            #expect(out.allSatisfy { $0 == 0 })
        }
    }

    @Test("every kernel path quantises to exactly the same bytes", arguments: [GGMLType.q8_0, .q4_1, .q4_K, .f16])
    func pathsAgree(weights: GGMLType) throws {
        // Ties at .5 after scaling, exact zeros, equal magnitudes of both signs, large outliers.
        var input = makeActivations(count: 256 * 6, seed: 21)
        for i in stride(from: 0, to: 256, by: 7) { input[i] = 0 }
        input[300] = 50
        input[301] = -50
        // Half-integers in blocks whose largest value is 127: every code is a rounding tie.
        for i in 512..<768 { input[i] = i % 32 == 0 ? 127 : Float(i % 255 - 127) / 2 }
        let rows = 6
        let quantized = try testedKernelPaths.map { path in
            let x = try QuantizedActivations(columns: 256, batch: rows, for: weights)
            input.withUnsafeBufferPointer { x.quantize($0.baseAddress!, path: path) }
            return x
        }
        for x in quantized.dropFirst() {
            for b in 0..<rows {
                #expect(Array(x.bytes(ofRow: b)) == Array(quantized[0].bytes(ofRow: b)), "\(weights) row \(b)")
            }
        }
    }

    @Test("non-finite activations quantise without trapping")
    func nonFinite() throws {
        var input = makeActivations(count: 256, seed: 2)
        input[0] = .nan
        input[100] = .infinity
        input[200] = -.infinity
        for (weights, _) in Self.pairs {
            for path in testedKernelPaths {
                let x = try QuantizedActivations(columns: input.count, batch: 1, for: weights)
                input.withUnsafeBufferPointer { x.quantize($0.baseAddress!, path: path) }
            }
        }
    }

    @Test("quantising fewer rows than the capacity sets the batch")
    func partialBatch() throws {
        let x = try QuantizedActivations(columns: 64, batch: 8, for: .q4_1)
        let input = makeActivations(count: 64 * 3, seed: 4)
        input.withUnsafeBufferPointer { x.quantize($0.baseAddress!, rows: 3) }
        #expect(x.batch == 3)
        #expect(x.capacity == 8)
    }

    @Test("shapes that are not whole blocks or types without kernels are refused with a reason")
    func refusals() throws {
        #expect(throws: KernelError.rowNotWholeBlocks(columns: 48, type: .q4_1)) {
            try QuantizedActivations(columns: 48, batch: 1, for: .q4_1)
        }
        #expect(throws: KernelError.unsupportedType(.q2_K)) {
            try QuantizedActivations(columns: 256, batch: 1, for: .q2_K)
        }
        let bytes = [UInt8](repeating: 0, count: 64)
        bytes.withUnsafeBytes { raw in
            #expect(throws: KernelError.rowNotWholeBlocks(columns: 40, type: .q8_0)) {
                try WeightMatrix(base: raw.baseAddress!, type: .q8_0, rows: 1, columns: 40)
            }
            #expect(throws: KernelError.invalidShape(rows: 0, columns: 32)) {
                try WeightMatrix(base: raw.baseAddress!, type: .q8_0, rows: 0, columns: 32)
            }
            #expect(throws: KernelError.invalidShape(rows: Int.max / 2, columns: 32)) {
                try WeightMatrix(base: raw.baseAddress!, type: .q8_0, rows: Int.max / 2, columns: 32)
            }
        }
        #expect(KernelError.unsupportedType(.q2_K).description.contains("q2_K"))
    }
}
