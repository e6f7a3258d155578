// Decoding weight rows and converting 16-bit floats, against float64 decoding of the raw bytes
// (llama.cpp's own decoding is compared in KernelLlamaCppTests).
@testable import Engine
import Testing

@Suite("Dequantisation")
struct KernelDequantizeTests {
    /// Scale × code products of an f16 and a small integer are exact in f32; only adding a
    /// minimum rounds, by at most half an f32 step, so a correct decoder is far inside 1e-12.
    @Test("rows decode within NMSE 1e-12 of a float64 decoder", arguments: kernelTypes)
    func rowsMatchFloat64(type: GGMLType) throws {
        let blockValues = type.isQuantized ? type.blockSize : 32
        for (rows, blocks) in [(1, 1), (3, 7), (5, 18)] {
            for fill in BlockFill.allCases {
                let columns = blocks * blockValues
                let data = makeWeights(type, rows: rows, columns: columns, fill: fill, seed: UInt64(rows * 7 + blocks))
                try data.withUnsafeBytes { raw in
                    let w = try WeightMatrix(base: raw.baseAddress!, type: type, rows: rows, columns: columns)
                    var row = [Float](repeating: .nan, count: columns)
                    for r in 0..<rows {
                        row.withUnsafeMutableBufferPointer { Dequantize.row(w, row: r, into: $0.baseAddress!) }
                        let expected = decodeInDoubles(data, type: type, row: r, columns: columns)
                        #expect(nmse(doubles(row), expected) < 1e-12, "\(type) \(fill) row \(r)")
                        if case .zero = fill { #expect(row.allSatisfy { $0 == 0 }) }
                    }
                }
            }
        }
    }

    @Test("f16 converts exactly and rounds to nearest even")
    func halfPrecision() {
        #expect(HalfFloat.f16(from: 1) == 0x3C00)
        #expect(HalfFloat.f16(from: -2) == 0xC000)
        #expect(HalfFloat.f16(from: 65504) == 0x7BFF)
        #expect(HalfFloat.f16(from: 1e6) == 0x7C00)
        // 1 + 2^-11 lies halfway between 1 and the next f16; ties go to the even one (1).
        #expect(HalfFloat.f16(from: 1 + 0x1p-11) == 0x3C00)
        #expect(HalfFloat.float(fromF16: 0x3555) == Float(Float16(bitPattern: 0x3555)))
        #expect(HalfFloat.float(fromF16: 0x0001) == 0x1p-24)
        #expect(HalfFloat.float(fromF16: 0x7E00).isNaN)
    }

    @Test("every f16 bit pattern converts exactly as Float16 does")
    func everyHalf() {
        for bits in UInt16.min...UInt16.max {
            let expected = Float(Float16(bitPattern: bits))
            let actual = HalfFloat.float(fromF16: bits)
            if expected.isNaN {
                #expect(actual.isNaN, "\(bits)")
            } else if actual.bitPattern != expected.bitPattern {
                Issue.record("f16 \(bits): \(actual) instead of \(expected)")
            }
        }
    }

    @Test("bf16 keeps the top half of a float, rounding to nearest even, NaN stays NaN")
    func bfloat16() {
        #expect(HalfFloat.bf16(from: 1) == 0x3F80)
        #expect(HalfFloat.float(fromBF16: 0x3F80) == 1)
        #expect(HalfFloat.bf16(from: Float(bitPattern: 0x3F80_8000)) == 0x3F80)
        #expect(HalfFloat.bf16(from: Float(bitPattern: 0x3F81_8000)) == 0x3F82)
        #expect(HalfFloat.bf16(from: Float(bitPattern: 0x3F80_8001)) == 0x3F81)
        #expect(HalfFloat.float(fromBF16: HalfFloat.bf16(from: .nan)).isNaN)
    }
}
