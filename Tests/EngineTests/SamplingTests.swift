// Sampling: greedy picks the best, each filter keeps what llama.cpp keeps, and a seed makes
// sampling reproducible.

import Testing
@testable import Engine

@Suite("Sampling")
struct SamplingTests {
    let logits: [Float] = [1.0, 3.0, 2.0, 3.0, -1.0, 0.5]

    @Test("greedy picks the highest score, the lowest id on a tie")
    func greedy() {
        var sampler = Sampler(settings: .greedy)
        #expect(sampler.next(logits: logits, history: []) == 1)
    }

    @Test("the repetition penalty divides positive and multiplies negative scores")
    func repetition() {
        var settings = SamplingSettings.greedy
        settings.repeatPenalty = 2
        var sampler = Sampler(settings: settings)
        // Tokens 1 and 3 (3.0) become 1.5, so 2 (2.0) wins.
        #expect(sampler.next(logits: logits, history: [1, 3]) == 2)
        #expect(Sampler.penalised(-1, 2) == -2)
        #expect(Sampler.penalised(4, 2) == 2)
    }

    @Test("top-k keeps the k best, sorted")
    func topK() {
        let kept = logits.withUnsafeBufferPointer { Sampler.topK($0, k: 3) }
        #expect(kept.map(\.token) == [1, 3, 2])
        #expect(logits.withUnsafeBufferPointer { Sampler.topK($0, k: 0) }.count == logits.count)
    }

    @Test("top-p keeps the shortest prefix reaching p")
    func topP() {
        let candidates = [Float(2), 1, 0].enumerated().map { Sampler.Candidate(token: TokenID($0.offset), logit: $0.element) }
        // Probabilities ≈ 0.665, 0.245, 0.090.
        #expect(Sampler.topP(candidates, p: 0.5).map(\.token) == [0])
        #expect(Sampler.topP(candidates, p: 0.8).map(\.token) == [0, 1])
        #expect(Sampler.topP(candidates, p: 1).count == 3)
    }

    @Test("min-p drops tokens less likely than p times the best")
    func minP() {
        let candidates = [Float(2), 1, 0].enumerated().map { Sampler.Candidate(token: TokenID($0.offset), logit: $0.element) }
        // Relative probabilities 1, e^-1 ≈ 0.37, e^-2 ≈ 0.14.
        #expect(Sampler.minP(candidates, p: 0.2).map(\.token) == [0, 1])
        #expect(Sampler.minP(candidates, p: 0.1).count == 3)
    }

    @Test("a draw follows the cumulative probabilities")
    func draw() {
        let candidates = [Float(0), 0].enumerated().map { Sampler.Candidate(token: TokenID($0.offset), logit: $0.element) }
        #expect(Sampler.draw(candidates, temperature: 1, uniform: 0.49) == 0)
        #expect(Sampler.draw(candidates, temperature: 1, uniform: 0.51) == 1)
    }

    @Test("the same seed gives the same tokens; another seed gives others")
    func seeded() {
        var settings = SamplingSettings()
        settings.temperature = 1.5
        settings.topK = 0
        settings.topP = 1
        settings.minP = 0
        let wide = TestNumbers.vector(1000, seed: 99)
        func run(seed: UInt64) -> [TokenID] {
            settings.seed = seed
            var sampler = Sampler(settings: settings)
            return (0..<50).map { _ in sampler.next(logits: wide, history: []) }
        }
        #expect(run(seed: 42) == run(seed: 42))
        #expect(run(seed: 42) != run(seed: 43))
        #expect(Set(run(seed: 42)).count > 10)
    }

    @Test("sampling at a low temperature concentrates on the best token")
    func temperature() {
        var settings = SamplingSettings()
        settings.temperature = 0.01
        var sampler = Sampler(settings: settings)
        for _ in 0..<20 { #expect([1, 3].contains(sampler.next(logits: logits, history: []))) }
    }

    @Test("out-of-range settings are explained")
    func problems() {
        var settings = SamplingSettings()
        #expect(settings.problem == nil)
        settings.topP = 0
        #expect(settings.problem?.contains("--top-p") == true)
    }

    @Test("the seeded generator is uniform enough and stays in [0, 1)")
    func generator() {
        var random = Engine.SeededRandom(seed: 7)
        let values = (0..<10_000).map { _ in random.nextUnitInterval() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean - 0.5) < 0.02)
    }
}
