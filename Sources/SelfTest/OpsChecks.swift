// The model's other operations against their definitions computed in Double: RMSNorm, RoPE
// (plain and with frequency scaling), softmax, attention over an f32 and an f16 cache, SwiGLU.
import Engine
import Foundation

enum OpsChecks {
    static func all() -> [SelfTestCheck] {
        [rmsNorm(), rope(), ropeScaled(), softmax(), attention(), halfCacheAttention(), swiglu()]
    }

    static func rmsNorm() -> SelfTestCheck {
        measure("RMSNorm", limit: Limits.sameInputs) {
            let x = values(4099, seed: 1, range: 3), weight = values(4099, seed: 2, range: 1)
            var out = [Float](repeating: 0, count: x.count)
            RMSNorm.apply(x, weight: weight, count: x.count, epsilon: 1e-5, into: &out)
            let mean = x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)
            let expected = x.indices.map { Double(x[$0]) / (mean + 1e-5).squareRoot() * Double(weight[$0]) }
            return nmse(out, expected)
        }
    }

    /// llama-style RoPE (adjacent pairs), the only style the engine's architectures use so far.
    static func rope() -> SelfTestCheck {
        measure("RoPE", limit: Limits.ropeAngles) { ropeError(RotaryEmbedding(dimensions: 64, frequencyBase: 10_000)) }
    }

    /// With linear scaling and per-frequency factors (Llama 3.1's rope_freqs).
    static func ropeScaled() -> SelfTestCheck {
        let factors = (0..<32).map { 1 + Float($0) / 8 }
        return measure("RoPE with frequency scaling", limit: Limits.ropeAngles) {
            ropeError(RotaryEmbedding(dimensions: 64, frequencyBase: 500_000, frequencyScale: 0.25, frequencyFactors: factors))
        }
    }

    static func softmax() -> SelfTestCheck {
        measure("softmax", limit: Limits.sameInputs) {
            var x = values(1000, seed: 3, range: 20)
            let input = x
            Softmax.apply(&x, count: x.count)
            let m = Double(input.max()!)
            let e = input.map { Foundation.exp(Double($0) - m) }
            let sum = e.reduce(0, +)
            return nmse(x, e.map { $0 / sum })
        }
    }

    static func attention() -> SelfTestCheck {
        measure("attention (f32 cache)", limit: Limits.sameInputs) {
            attentionError(length: 77, headSize: 64) { q, k, v, length, headSize, scores, out in
                Attention.attend(query: q, keys: k, values: v, length: length, headSize: headSize, stride: headSize, scale: 0.125, scores: scores, output: out)
            }
        }
    }

    /// The attention models run: keys, values, the query and the softmax weights in f16, read
    /// from 2-byte f16 storage by the fastest kernel this CPU runs.
    static func halfCacheAttention() -> SelfTestCheck {
        measure("attention (f16 cache)", limit: Limits.halfPrecisionInputs) {
            attentionError(length: 77, headSize: 64, halfCache: true) { q, k, v, length, headSize, scores, out in
                let halfKeys = (0..<(length * headSize)).map { HalfFloat.f16(from: k[$0]) }
                let halfValues = (0..<(length * headSize)).map { HalfFloat.f16(from: v[$0]) }
                HalfCacheAttention.attend(
                    query: q, keys: halfKeys, values: halfValues, length: length, attended: length, headSize: headSize,
                    stride: headSize, scale: 0.125, scores: scores, output: out, kernel: .best)
            }
        }
    }

    static func swiglu() -> SelfTestCheck {
        measure("SwiGLU activation", limit: Limits.sameInputs) {
            var gate = values(1537, seed: 4, range: 12)
            let up = values(1537, seed: 5, range: 3)
            let input = gate
            SwiGLU.apply(gate: &gate, up: up, count: gate.count)
            let expected = zip(input, up).map { g, u in Double(g) / (1 + Foundation.exp(-Double(g))) * Double(u) }
            return nmse(gate, expected)
        }
    }

    // MARK: Helpers

    private static func measure(_ name: String, limit: Double, _ body: () -> Double) -> SelfTestCheck {
        let started = Clock.now
        let error = body()
        let passed = SelfTestCheck.below(error, limit)
        return SelfTestCheck(
            group: .op, name: name, passed: passed, measured: error, limit: limit,
            detail: passed ? "matches its definition computed in double precision"
                           : "differs from its definition in double precision (NMSE \(Format.number(error)), limit \(Format.number(limit)))",
            seconds: Clock.since(started))
    }

    private static func ropeError(_ rope: RotaryEmbedding) -> Double {
        var worst = 0.0
        for position in [0, 1, 17, 1000, 4095] {
            let heads = 3, headSize = 64
            var x = values(heads * headSize, seed: UInt64(position) + 10, range: 2)
            let input = x
            var table = [Float](repeating: 0, count: rope.dimensions)
            rope.fillTable(position: position, into: &table)
            rope.apply(table: table, to: &x, heads: heads, headSize: headSize)
            var expected: [Double] = []
            for head in 0..<heads {
                let v = input[(head * headSize)..<((head + 1) * headSize)].map(Double.init)
                for pair in 0..<(headSize / 2) {
                    let inverse = Foundation.pow(Double(rope.frequencyBase), -2 * Double(pair) / Double(rope.dimensions))
                    let factor = Double(rope.frequencyFactors?[pair] ?? 1)
                    let angle = Double(rope.frequencyScale) * Double(position) * inverse / factor
                    expected.append(v[2 * pair] * Foundation.cos(angle) - v[2 * pair + 1] * Foundation.sin(angle))
                    expected.append(v[2 * pair] * Foundation.sin(angle) + v[2 * pair + 1] * Foundation.cos(angle))
                }
            }
            let error = nmse(x, expected)
            if error.isNaN { return .nan }
            worst = max(worst, error)
        }
        return worst
    }

    /// One head over `length` positions against softmax(q·k·scale)·v in Double.
    private static func attentionError(
        length: Int, headSize: Int, halfCache: Bool = false,
        _ attend: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) -> Double {
        let query = values(headSize, seed: 6, range: 2)
        var keys = values(length * headSize, seed: 7, range: 2)
        var vals = values(length * headSize, seed: 8, range: 1)
        if halfCache {
            // The cache stores f16: both sides read the same stored values.
            keys = keys.map { HalfFloat.float(fromF16: HalfFloat.f16(from: $0)) }
            vals = vals.map { HalfFloat.float(fromF16: HalfFloat.f16(from: $0)) }
        }
        var scores = [Float](repeating: 0, count: length)
        var out = [Float](repeating: 0, count: headSize)
        attend(query, keys, vals, length, headSize, &scores, &out)
        let logits = (0..<length).map { t in (0..<headSize).reduce(0.0) { $0 + Double(query[$1]) * Double(keys[t * headSize + $1]) } * 0.125 }
        let m = logits.max()!
        let weights = logits.map { Foundation.exp($0 - m) }
        let sum = weights.reduce(0, +)
        let expected = (0..<headSize).map { i in (0..<length).reduce(0.0) { $0 + weights[$1] / sum * Double(vals[$1 * headSize + i]) } }
        return nmse(out, expected)
    }

    /// Seeded values in [-range, range].
    static func values(_ count: Int, seed: UInt64, range: Float) -> [Float] {
        SyntheticMatrix.activations(count: count, seed: seed).map { $0 * range }
    }

    /// Σ(a−e)² / Σe² in Double; NaN when any value is not finite.
    static func nmse(_ actual: [Float], _ expected: [Double]) -> Double {
        var error = 0.0, power = 0.0
        for (a, e) in zip(actual, expected) {
            guard a.isFinite, e.isFinite else { return .nan }
            error += (Double(a) - e) * (Double(a) - e)
            power += e * e
        }
        return power == 0 ? error : error / power
    }
}
