// The live speed probe `onramp recommend` predicts from: each timing runs the engine's real code on
// every weight type it is asked for (a buffer that is no whole number of rows included) and gives
// a positive, finite figure in a plausible range. How well the figures predict `onramp bench` is
// checked by scripts/check-predictions, a benchmark (timings on a shared machine are too noisy
// for a test to compare).

import Testing

@testable import Engine

@Suite("Engine speed probe")
struct EngineSpeedProbeTests {
    static let types: [GGMLType] = [.q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K, .f16]

    @Test("every weight type streams: weights read per second, positive and finite, over a buffer of any type's row size")
    func streaming() {
        // 3 MiB + 100 bytes: not a whole number of rows of any type, so the last partial row is left out.
        let rates = EngineSpeedProbe.streamingRates(types: Self.types, threads: 2, bytes: (3 << 20) + 100)
        #expect(Set(rates.keys) == Set(Self.types))
        for (type, rate) in rates { #expect(rate.isFinite && rate > 1e6, "\(type): \(rate)") }
    }

    @Test("every weight type's batched product is timed, at a plausible number of operations per second")
    func prompt() {
        let flops = EngineSpeedProbe.promptFlops(types: Self.types, threads: 2, seconds: 0.002)
        #expect(Set(flops.keys) == Set(Self.types))
        // Above 10 MFLOP/s even on the portable path under load; below 100 TFLOP/s on any CPU.
        for (type, value) in flops { #expect(value > 1e7 && value < 1e14, "\(type): \(value)") }
    }

    @Test("attention and a hand-off to the worker threads take a positive, small time")
    func attentionAndHandOff() {
        let attention = EngineSpeedProbe.attentionSeconds(threads: 2, seconds: 0.002)
        #expect(attention > 0 && attention < 1e-6)
        let handOff = EngineSpeedProbe.dispatchSeconds(threads: 2, seconds: 0.002)
        #expect(handOff > 0 && handOff < 0.01)
    }
}
