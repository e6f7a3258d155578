// Each op against its plain Double reference, on random values and edge cases.

import CX86Kernels
import Foundation
import Testing
@testable import Engine

@Suite("Ops")
struct OpsTests {
    @Test("RMSNorm matches its definition, including a row of zeros and odd lengths", arguments: [1, 7, 64, 576, 1001])
    func rmsNorm(count: Int) {
        let x = TestNumbers.vector(count, seed: 1, range: 3)
        let weight = TestNumbers.vector(count, seed: 2)
        var out = [Float](repeating: 0, count: count)
        RMSNorm.apply(x, weight: weight, count: count, epsilon: 1e-5, into: &out)
        #expect(TestNumbers.nmse(out, RMSNorm.reference(x, weight: weight, epsilon: 1e-5)) < 1e-10)

        let zeros = [Float](repeating: 0, count: count)
        RMSNorm.apply(zeros, weight: weight, count: count, epsilon: 1e-5, into: &out)
        #expect(out.allSatisfy { $0 == 0 })
    }

    @Test("softmax sums to one, matches its definition and survives huge scores")
    func softmax() {
        var values = TestNumbers.vector(300, seed: 3, range: 20)
        let expected = Softmax.reference(values)
        Softmax.apply(&values, count: values.count)
        #expect(TestNumbers.nmse(values, expected) < 1e-12)
        #expect(abs(values.reduce(0, +) - 1) < 1e-5)

        var huge: [Float] = [1e30, 1e30, -1e30]
        Softmax.apply(&huge, count: 3)
        #expect(huge == [0.5, 0.5, 0])
    }

    @Test("SwiGLU is silu(gate) times up")
    func swiglu() {
        var gate = TestNumbers.vector(1536, seed: 4, range: 8)
        let up = TestNumbers.vector(1536, seed: 5, range: 2)
        let expected = SwiGLU.reference(gate: gate, up: up)
        SwiGLU.apply(gate: &gate, up: up, count: gate.count)
        #expect(TestNumbers.nmse(gate, expected) < 1e-12)
        #expect(SwiGLU.silu(0) == 0)
    }

    /// The C kernel does the twin's arithmetic lane for lane, so the bits agree: on ordinary
    /// gates, on gates whose e^-g underflows to a subnormal or zero (g from 80 to 110) or
    /// overflows (g below −88), on zeros, infinities and NaN, and on lengths that leave a tail.
    @Test("SwiGLU's x86 kernel gives its Swift twin's bits", arguments: [1, 7, 8, 9, 64, 1001])
    func swigluKernel(count: Int) throws {
        try #require(KernelPath.avx2.isSupported, "this CPU lacks AVX2, FMA and F16C, which the kernel needs")
        var gate = TestNumbers.vector(count, seed: UInt64(count), range: 12)
        let specials: [Float] = [0, -0.0, 80, 86.5, 87.4, 88.8, 95, 103.9, 110, -87.5, -88.8, -100, 1e30, -1e30, .infinity, -.infinity, .nan, Float.leastNormalMagnitude / 1024]
        for (i, value) in specials.enumerated() where i < count { gate[(i * 7) % count] = value }
        if count > 100 {
            for i in 0..<200 { gate[100 + i * 4] = Float(i) * 0.55 - 10 }
        }
        let up = TestNumbers.vector(count, seed: UInt64(count) + 1, range: 2)
        var twin = gate, kernel = gate
        SwiGLU.apply(gate: &twin, up: up, count: count)
        SwiGLU.apply(gate: &kernel, up: up, count: count, kernel: .f16c)
        for i in 0..<count {
            let same = twin[i].bitPattern == kernel[i].bitPattern || (twin[i].isNaN && kernel[i].isNaN)
            #expect(same, "gate \(gate[i]) up \(up[i]): twin \(twin[i]), kernel \(kernel[i])")
        }
    }

    @Test("RoPE rotates adjacent pairs by position times base^(-2i/d)", arguments: [0, 1, 17, 8191])
    func rope(position: Int) {
        let rope = RotaryEmbedding(dimensions: 64, frequencyBase: 100_000)
        var vector = TestNumbers.vector(64, seed: 6)
        let expected = rope.reference(vector, position: position)
        var table = [Float](repeating: 0, count: 64)
        rope.fillTable(position: position, into: &table)
        rope.apply(table: table, to: &vector, heads: 1, headSize: 64)
        // Angles are built in Float as ggml builds them; at position 8191 that costs ~1e-8.
        #expect(TestNumbers.nmse(vector, expected) < 1e-7)
    }

    @Test("RoPE with linear scaling and frequency factors matches its definition")
    func ropeScaled() {
        let factors = (0..<32).map { Float(1 + $0 % 4) }
        let rope = RotaryEmbedding(dimensions: 64, frequencyBase: 500_000, frequencyScale: 0.25, frequencyFactors: factors)
        var vectors = TestNumbers.vector(128, seed: 7)
        let expected = rope.reference(Array(vectors[0..<64]), position: 300) + rope.reference(Array(vectors[64...]), position: 300)
        var table = [Float](repeating: 0, count: 64)
        rope.fillTable(position: 300, into: &table)
        rope.apply(table: table, to: &vectors, heads: 2, headSize: 64)
        #expect(TestNumbers.nmse(vectors, expected) < 1e-9)
    }

    @Test("position 0 leaves a vector unchanged")
    func ropeIdentity() {
        let rope = RotaryEmbedding(dimensions: 8, frequencyBase: 10_000)
        var vector: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
        var table = [Float](repeating: 0, count: 8)
        rope.fillTable(position: 0, into: &table)
        rope.apply(table: table, to: &vector, heads: 1, headSize: 8)
        #expect(vector == [1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test("attention over the cache matches its definition, in f32 and f16", arguments: [1, 5, 130])
    func attention(length: Int) {
        let headSize = 64, stride = 3 * 64
        let query = TestNumbers.vector(headSize, seed: 8, range: 2)
        let keys = TestNumbers.vector(length * stride, seed: 9, range: 2)
        let values = TestNumbers.vector(length * stride, seed: 10)
        let head = 1
        let keyRows = (0..<length).map { Array(keys[($0 * stride + head * headSize)..<($0 * stride + head * headSize + headSize)]) }
        let valueRows = (0..<length).map { Array(values[($0 * stride + head * headSize)..<($0 * stride + head * headSize + headSize)]) }
        let expected = Attention.reference(query: query, keys: keyRows, values: valueRows, scale: 0.125)

        var scores = [Float](repeating: 0, count: length)
        var out = [Float](repeating: 0, count: headSize)
        keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                Attention.attend(
                    query: query, keys: k.baseAddress! + head * headSize, values: v.baseAddress! + head * headSize,
                    length: length, headSize: headSize, stride: stride, scale: 0.125, scores: &scores, output: &out)
            }
        }
        #expect(TestNumbers.nmse(out, expected) < 1e-10)

        // The f16 cache stores 2-byte values; both kernels read them (the F16C one where this CPU has it).
        let halfKeys = keys.map { Float16($0).bitPattern }, halfValues = values.map { Float16($0).bitPattern }
        for kernel in HalfCacheAttention.Kernel.allCases where kernel == .swift || HalfCacheAttention.Kernel.best == .f16c {
            halfKeys.withUnsafeBufferPointer { k in
                halfValues.withUnsafeBufferPointer { v in
                    HalfCacheAttention.attend(
                        query: query, keys: k.baseAddress! + head * headSize, values: v.baseAddress! + head * headSize,
                        length: length, attended: length, headSize: headSize, stride: stride, scale: 0.125,
                        scores: &scores, output: &out, kernel: kernel)
                }
            }
            // f16 rounding of keys, values, query and weights: about 2^-11 relative each.
            #expect(TestNumbers.nmse(out, expected) < 1e-5, "\(kernel)")
        }
    }

    @Test("the F16C attention kernel gives its Swift twin's bits: one query or a batch, any row length, head sizes 64 and 256")
    func halfAttentionTwins() throws {
        try #require(HalfCacheAttention.Kernel.best == .f16c, "this test needs a CPU with AVX2, FMA and F16C")
        for headSize in [64, 256] {
            let stride = 2 * headSize
            for (length, attended) in [(1, 1), (1, 32), (5, 32), (16, 16), (17, 32), (64, 64), (70, 96), (130, 160), (200, 200), (301, 320)] {
                let query = TestNumbers.vector(headSize, seed: UInt64(length), range: 3)
                let keys = TestNumbers.vector(attended * stride, seed: UInt64(length) + 1, range: 2).map { Float16($0).bitPattern }
                let values = TestNumbers.vector(attended * stride, seed: UInt64(length) + 2).map { Float16($0).bitPattern }
                for singleQuery in [true, false] {
                    var outputs: [[Float]] = []
                    for kernel in HalfCacheAttention.Kernel.allCases {
                        var scores = [Float](repeating: 0, count: attended)
                        var out = [Float](repeating: 0, count: headSize)
                        keys.withUnsafeBufferPointer { k in
                            values.withUnsafeBufferPointer { v in
                                HalfCacheAttention.attend(
                                    query: query, keys: k.baseAddress! + headSize, values: v.baseAddress! + headSize,
                                    length: length, attended: attended, headSize: headSize, stride: stride, scale: 0.125,
                                    scores: &scores, output: &out, singleQuery: singleQuery, kernel: kernel)
                            }
                        }
                        outputs.append(out)
                    }
                    #expect(outputs[0].map(\.bitPattern) == outputs[1].map(\.bitPattern),
                            "head \(headSize), length \(length) of \(attended), single query \(singleQuery)")
                }
            }
        }
    }

    /// Rows that end inside a chunk, on a chunk's edge, past the last whole chunk (expf's tail)
    /// or well before the attended end; scores wide enough that e^x underflows to subnormals and
    /// zero, and ties at the maximum.
    @Test("attention's softmax in C gives its Swift twin's bits and matches the definition")
    func attentionSoftmaxKernel() throws {
        try #require(KernelPath.avx2.isSupported, "this CPU lacks AVX2, FMA and F16C, which the kernel needs")
        let rows = [(1, 1), (1, 32), (5, 16), (7, 7), (16, 16), (17, 32), (31, 32), (40, 64), (100, 100), (100, 128), (301, 320), (512, 512)]
        for (length, attended) in rows {
            for range: Float in [4, 40, 160] {
                var scores = TestNumbers.vector(attended, seed: UInt64(length * 1000) + UInt64(range), range: range)
                if length > 3 { scores[length / 2] = scores[1] }
                let expected = Softmax.reference(Array(scores[0..<length]))
                var twin = scores, kernel = scores
                HalfCacheAttention.softmax(&twin, length: length, attended: attended)
                onramp_softmax_avx2(&kernel, Int32(length), Int32(attended))
                #expect(twin.map(\.bitPattern) == kernel.map(\.bitPattern), "length \(length) of \(attended), range \(range)")
                #expect(Array(kernel[length...]) == Array(scores[length...]), "masked positions are left alone")
                #expect(TestNumbers.nmse(Array(kernel[0..<length]), expected) < 1e-12, "length \(length) of \(attended), range \(range)")
            }
        }
    }

    @Test("f16 values read sixteen at a time equal Swift's Float16 conversion: zeros, subnormals, infinities, NaN")
    func halfVectorLoad() {
        var halves: [UInt16] = [0, 0x8000, 0x0001, 0x8001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfbff, 0x3555, 0x0200, 0x8200]
        halves += (0..<(16 * 4096)).map { UInt16(truncatingIfNeeded: $0 &* 40_503 &+ 7) }
        halves.withUnsafeBufferPointer { buffer in
            for start in stride(from: 0, to: halves.count, by: 16) {
                let vector = HalfVector.load(buffer.baseAddress! + start)
                for lane in 0..<16 {
                    let expected = Float(Float16(bitPattern: halves[start + lane]))
                    #expect(vector[lane].bitPattern == expected.bitPattern || (vector[lane].isNaN && expected.isNaN),
                            "\(String(halves[start + lane], radix: 16))")
                }
            }
        }
    }

    @Test("llama.cpp's vector exp stays within 2 ulp of e^x and flushes far negatives to zero")
    func vectorExp() {
        for x in stride(from: Float(-100), through: 0, by: 0.0137) {
            let expected = Float(Foundation.exp(Double(x)))
            #expect(abs(VectorExp.exp(x) - expected) <= 2 * expected.ulp, "x = \(x)")
        }
        #expect(VectorExp.exp(0) == 1)
        #expect(VectorExp.exp(-Float.infinity) == 0)
        #expect(VectorExp.exp(-200) == 0)
    }

    /// Rounding the Double sum to Float rounds twice; where the Double sum lands exactly halfway
    /// between two Floats (a·b = 1 + 2^-11 + 2^-24 is such a midpoint, c a nudge too small for a
    /// Double) only the correction gives the FMA instruction's answer.
    @Test("the exp's fused multiply-add rounds once, as the FMA instruction does")
    func fusedMultiplyAdd() {
        let a: Float = 1 + 0x1p-12
        var triples: [(Float, Float, Float)] = []
        for nudge: Float in [0x1p-60, -0x1p-60, 0x1p-80, -0x1p-80, 0] {
            for scale: Float in [1, -1, 0x1p-20, 0x1p30, 0x1p-100] {
                triples.append((a * scale, a, nudge * scale))
                triples.append((a, -a * scale, nudge * scale))
            }
        }
        var random = Engine.SeededRandom(seed: 77)
        func randomFloat() -> Float {
            let magnitude = Float(random.nextUnitInterval() * 2 - 1)
            return magnitude * Float(sign: .plus, exponent: Int(random.next() % 60) - 30, significand: 1)
        }
        for _ in 0..<200_000 { triples.append((randomFloat(), randomFloat(), randomFloat())) }
        var corrected = 0
        for (x, y, z) in triples {
            let expected = z.addingProduct(x, y)
            #expect(VectorExp.fused(x, y, z).bitPattern == expected.bitPattern, "\(x) × \(y) + \(z)")
            if Float(Double(x) * Double(y) + Double(z)) != expected { corrected += 1 }
        }
        #expect(corrected >= 16, "the sixteen midpoint cases above round wrong without the correction")
    }

    @Test("rounding to f16 precision equals Swift's Float16 conversion, ties, subnormals and overflow included")
    func halfRounding() {
        var random = Engine.SeededRandom(seed: 5)
        var values: [Float] = [0, -0, 1, 65504, 65519.99, 65520, 1e9, -1e9, 0x1p-14, 0x1p-24, 0x1.8p-25, 0x1p-26, 1 + 0x1p-11, 1 + 0x3p-11]
        for _ in 0..<20_000 {
            let bits = UInt32(truncatingIfNeeded: random.next())
            let value = Float(bitPattern: bits)
            if value.isFinite { values.append(value) }
        }
        for _ in 0..<20_000 { values.append(Float(random.nextUnitInterval() * 2 - 1) * 8) }
        for value in values {
            #expect(HalfRounding.round(value).bitPattern == Float(Float16(value)).bitPattern, "\(value)")
        }
    }

    @Test("lanes are summed pairwise: halves first")
    func laneSum() {
        // 1e8 + 1 - 1e8 loses the 1 when added left to right but not when the big values meet first.
        var x = SIMD16<Float>()
        x[0] = 1e8
        x[8] = -1e8
        x[1] = 1
        #expect(LaneSum.pairwise(x) == 1)
        #expect(LaneSum.pairwise(SIMD16<Float>(repeating: 0.5)) == 8)
    }

    @Test("vector dot product and scaled add match plain loops at every length", arguments: [0, 1, 15, 16, 17, 100])
    func vectorMath(count: Int) {
        let a = TestNumbers.vector(count, seed: 11), b = TestNumbers.vector(count, seed: 12)
        let plain = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(Double(VectorMath.dot(a, b, count: count)) - plain) < 1e-4)
        var y = b
        VectorMath.addScaled(a, by: 0.5, into: &y, count: count)
        #expect(y == zip(a, b).map { $1 + 0.5 * $0 })
    }
}
