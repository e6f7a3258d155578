// The llama forward pass against llama.cpp on the real SmolLM2-135M test model: logits,
// greedy continuations, batched vs one-at-a-time, and thread-count independence.

import Foundation
import Testing
import TestSupport
@testable import Engine

/// The reference outputs written by scripts/make-generation-fixtures.
struct GenerationFixture: Decodable {
    struct Case: Decodable {
        let prompt: String
        let promptTokens: [TokenID]
        let continuation: [TokenID]
        let continuationText: String
        let margins: [Double]
    }

    let generator: String
    let cases: [Case]

    static let folder = GGUFTestFiles.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/Generation")

    static func load() throws -> GenerationFixture {
        try JSONDecoder().decode(GenerationFixture.self, from: Data(contentsOf: folder.appendingPathComponent("greedy.json")))
    }

    static func logits(_ name: String) throws -> [Float] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return data.withUnsafeBytes { raw in (0..<(raw.count / 4)).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) } }
    }
}

enum TestModel {
    static func open(threads: Int = 2) throws -> TransformerModel {
        let file = try GGUFFile(path: GGUFTestFiles.smolLM2)
        return try TransformerModel(file: file, threads: threads)
    }

    /// Greedy continuation of `prompt`, one forward pass per token.
    static func greedy(_ model: TransformerModel, prompt: [TokenID], count: Int) throws -> [TokenID] {
        let cache = try model.makeCache(capacity: prompt.count + count)
        var logits = try model.forward(prompt, cache: cache)
        var sampler = Sampler(settings: .greedy)
        var out: [TokenID] = []
        for _ in 0..<count {
            let token = sampler.next(logits: logits, history: [])
            out.append(token)
            if out.count < count { logits = try model.forward([token], cache: cache) }
        }
        return out
    }
}

@Suite("Llama forward pass", .onOwnThread)
struct LlamaTests {
    @Test("the first position's logits match llama.cpp's (NMSE < 1e-4)")
    func firstPosition() throws {
        let fixture = try GenerationFixture.load()
        let model = try TestModel.open()
        let cache = try model.makeCache(capacity: 16)
        let logits = try model.forward([fixture.cases[0].promptTokens[0]], cache: cache)
        let expected = try GenerationFixture.logits("first-position-logits.f32")
        #expect(logits.count == expected.count)
        let error = TestNumbers.nmse(logits, expected)
        #expect(error < 1e-4, "NMSE \(error)")
        #expect(logits == expected, "not bit-identical: NMSE \(error)")
    }

    @Test("a batched prompt's last logits equal llama.cpp's, and one-token-at-a-time processing is close")
    func batchedPrompt() throws {
        let fixture = try GenerationFixture.load()
        let model = try TestModel.open()
        let prompt = fixture.cases[0].promptTokens
        let batched = try model.forward(prompt, cache: try model.makeCache(capacity: 16))
        let expected = try GenerationFixture.logits("last-prompt-position-logits.f32")
        #expect(batched == expected, "NMSE \(TestNumbers.nmse(batched, expected))")

        let cache = try model.makeCache(capacity: 16)
        var single: [Float] = []
        for token in prompt { single = try model.forward([token], cache: cache) }
        // llama.cpp itself sums attention in another order for single tokens.
        #expect(TestNumbers.nmse(batched, single) < 1e-4)
    }

    /// Below this gap between llama.cpp's two best logits, the choice is a near-tie that
    /// float summation order may flip; the engine reproduces llama.cpp's order for the common
    /// paths, but not every kernel choice llama.cpp makes.
    static let nearTie = 0.02

    @Test("greedy 32-token continuations equal llama.cpp's token ids (all of 5, and 7 up to a near-tie)")
    func greedyContinuations() throws {
        let fixture = try GenerationFixture.load()
        let model = try TestModel.open()
        #expect(fixture.cases.count >= 7)
        var exact = 0
        for item in fixture.cases {
            let produced = try TestModel.greedy(model, prompt: item.promptTokens, count: item.continuation.count)
            let firstDifference = zip(produced, item.continuation).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            guard let firstDifference else {
                exact += 1
                continue
            }
            let margin = item.margins[firstDifference]
            #expect(margin < Self.nearTie, """
                prompt \(item.prompt.debugDescription): first difference at token \(firstDifference), where \
                llama.cpp's top-2 margin is \(margin), not a near-tie
                """)
        }
        #expect(exact >= 5, "only \(exact) of \(fixture.cases.count) continuations are identical")
        #expect(exact == 6, "expected 6 identical continuations (the 7th diverges at a 0.010 near-tie); an improvement should raise this")
    }

    @Test("1 thread and 3 threads give bit-identical logits")
    func threadIndependence() throws {
        let fixture = try GenerationFixture.load()
        let prompt = fixture.cases[6].promptTokens
        var results: [[Float]] = []
        for threads in [1, 3] {
            let model = try TestModel.open(threads: threads)
            let cache = try model.makeCache(capacity: 64)
            var logits = try model.forward(prompt, cache: cache)
            logits += try model.forward([42], cache: cache)
            results.append(logits)
        }
        #expect(results[0] == results[1])
    }

    @Test("an f32 cache gives nearly the same logits as the default f16 cache")
    func halfCache() throws {
        let fixture = try GenerationFixture.load()
        let model = try TestModel.open()
        let prompt = fixture.cases[6].promptTokens
        let full = try model.forward(prompt, cache: try model.makeCache(capacity: 64, precision: .f32))
        let half = try model.forward(prompt, cache: try model.makeCache(capacity: 64, precision: .f16))
        // f16 rounding of keys, values, queries and weights moves logits by NMSE ~3e-4 here.
        #expect(TestNumbers.nmse(half, full) < 2e-3)
        #expect(TestNumbers.nmse(half, full) > 0)
    }

    @Test("a token outside the vocabulary and an overfull context are refused with an explanation")
    func refusals() throws {
        let model = try TestModel.open()
        let cache = try model.makeCache(capacity: 4)
        #expect(throws: ModelError.tokenOutOfRange(token: 49152, vocabulary: 49152)) {
            try model.forward([49152], cache: cache)
        }
        #expect(throws: ModelError.contextFull(needed: 5, capacity: 4)) {
            try model.forward([1, 2, 3, 4, 5], cache: cache)
        }
        #expect(cache.count == 0)
    }
}
