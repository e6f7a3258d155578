// Each architecture without a small real model here (qwen2, qwen3, phi3, and llama with Llama
// 3.1's rope_freqs) against llama.cpp: tiny two-layer Q8_0 models with seeded random weights,
// llama.cpp's logits at every position of a fixed token sequence and its 16 greedy tokens
// after it (scripts/make-arch-fixtures).
import Foundation
import Testing
@testable import Engine

struct ArchitectureFixture: Decodable {
    struct Model: Decodable {
        let file: String
        let tensorTypes: [String]
        let continuation: [TokenID]
        let margins: [Double]
    }

    let prompt: [TokenID]
    let vocabulary: Int
    let models: [String: Model]

    static let folder = GGUFTestFiles.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/Architectures")

    static func load() throws -> ArchitectureFixture {
        try JSONDecoder().decode(ArchitectureFixture.self, from: Data(contentsOf: folder.appendingPathComponent("fixtures.json")))
    }

    /// llama.cpp's logits, one row of `vocabulary` floats per prompt position.
    static func logits(_ name: String, vocabulary: Int) throws -> [[Float]] {
        let data = try Data(contentsOf: folder.appendingPathComponent("tiny-\(name).logits.f32"))
        let all = data.withUnsafeBytes { raw in (0..<(raw.count / 4)).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) } }
        return stride(from: 0, to: all.count, by: vocabulary).map { Array(all[$0..<min(all.count, $0 + vocabulary)]) }
    }
}

@Suite("Architectures against llama.cpp")
struct ArchitectureFixtureTests {
    static let variants = ["qwen2", "qwen3", "phi3", "llama3"]

    private func open(_ variant: String) throws -> (TransformerModel, GGUFFile) {
        let fixture = try ArchitectureFixture.load()
        let model = try #require(fixture.models[variant], "fixtures.json has no \(variant); run scripts/make-arch-fixtures")
        let file = try GGUFFile(path: ArchitectureFixture.folder.appendingPathComponent(model.file).path)
        return (try TransformerModel(file: file, threads: 2), file)
    }

    @Test("each fixture is the architecture it is meant to test, with the tensors that make it differ", arguments: variants)
    func declaredDifferences(variant: String) throws {
        let (model, file) = try open(variant)
        let layer = try #require(model.weights.layers.first)
        switch variant {
        case "qwen2":
            #expect(try file.metadata.string("general.architecture") == "qwen2")
            #expect(layer.queryBias != nil && layer.keyBias != nil && layer.valueBias != nil)
            #expect(model.shape.ropeStyle == .halves)
        case "qwen3":
            #expect(layer.queryNorm != nil && layer.keyNorm != nil && layer.queryBias == nil)
            #expect(model.shape.ropeStyle == .halves)
        case "phi3":
            #expect(layer.queryKeyValue != nil && layer.query == nil && layer.gateUp != nil && layer.gate == nil)
            #expect(model.shape.queryScaling == .onQuery)
        default:
            #expect(try file.metadata.string("general.architecture") == "llama")
            #expect(model.weights.ropeFrequencyFactors == [1, 1, 1, 1.5, 3, 6, 8, 8])
            #expect(model.shape.ropeStyle == .adjacentPairs)
        }
    }

    @Test("a batched prompt's logits at every position match llama.cpp's (NMSE < 1e-4)", arguments: variants)
    func logits(variant: String) throws {
        let fixture = try ArchitectureFixture.load()
        let expected = try ArchitectureFixture.logits(variant, vocabulary: fixture.vocabulary)
        let (model, _) = try open(variant)
        let all = try model.forward(fixture.prompt, cache: try model.makeCache(capacity: 64), allLogits: true)
        #expect(all.count == fixture.prompt.count * fixture.vocabulary)
        var worst = 0.0
        for (position, reference) in expected.enumerated() {
            let logits = Array(all[position * fixture.vocabulary..<(position + 1) * fixture.vocabulary])
            let error = TestNumbers.nmse(logits, reference)
            worst = max(worst, error)
            #expect(error < 1e-4, "\(variant) position \(position): NMSE \(error)")
        }
        print("\(variant): worst NMSE over \(expected.count) positions \(worst)")
    }

    @Test("16 greedy tokens equal llama.cpp's, up to a near-tie in llama.cpp's own logits", arguments: variants)
    func greedy(variant: String) throws {
        let fixture = try ArchitectureFixture.load()
        let expected = try #require(fixture.models[variant])
        let (model, _) = try open(variant)
        let produced = try TestModel.greedy(model, prompt: fixture.prompt, count: expected.continuation.count)
        if let first = zip(produced, expected.continuation).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            #expect(expected.margins[first] < LlamaTests.nearTie, """
                \(variant): first difference at token \(first) (\(produced) against \(expected.continuation)), where \
                llama.cpp's top-2 margin is \(expected.margins[first]), not a near-tie
                """)
        }
    }
}
