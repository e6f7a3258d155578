// The forward pass on K-quant weights (Q4_K, Q5_K, Q6_K) against llama.cpp: two one-layer llama
// models with seeded random weights, quantised by llama.cpp's own quantiser, and llama.cpp's
// logits for every position of a fixed token sequence (scripts/make-kquant-fixtures).
import Foundation
import Testing
@testable import Engine

struct KQuantFixture: Decodable {
    struct Model: Decodable {
        let file: String
        let tensorTypes: [String: String]
    }

    let prompt: [Int]
    let vocabulary: Int
    let models: [String: Model]

    static let folder = GGUFTestFiles.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/KQuant")

    static func load() throws -> KQuantFixture {
        try JSONDecoder().decode(KQuantFixture.self, from: Data(contentsOf: folder.appendingPathComponent("fixtures.json")))
    }

    /// llama.cpp's logits, one row of `vocabulary` floats per prompt position.
    static func logits(_ name: String, vocabulary: Int) throws -> [[Float]] {
        let data = try Data(contentsOf: folder.appendingPathComponent("tiny-llama-\(name).logits.f32"))
        let all = data.withUnsafeBytes { raw in (0..<(raw.count / 4)).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) } }
        return stride(from: 0, to: all.count, by: vocabulary).map { Array(all[$0..<min(all.count, $0 + vocabulary)]) }
    }
}

@Suite("K-quant models against llama.cpp")
struct KQuantModelTests {
    static let variants = ["q4_k_m", "q5_k_m"]

    private func open(_ variant: String, threads: Int = 2) throws -> LlamaModel {
        let fixture = try KQuantFixture.load()
        let model = try #require(fixture.models[variant], "fixtures.json has no \(variant); run scripts/make-kquant-fixtures")
        let file = try GGUFFile(path: KQuantFixture.folder.appendingPathComponent(model.file).path)
        return try LlamaModel(file: file, shape: try LlamaShape(LlamaHyperparameters(file: file)), threads: threads)
    }

    @Test("the fixtures really hold the K-quant types they are meant to test")
    func typesCovered() throws {
        let fixture = try KQuantFixture.load()
        var types = Set<GGMLType>()
        for variant in Self.variants {
            let model = try #require(fixture.models[variant])
            let file = try GGUFFile(path: KQuantFixture.folder.appendingPathComponent(model.file).path)
            types.formUnion(file.tensors.map(\.type))
            // The file and the summary written beside it agree.
            #expect(Set(file.tensors.map(\.name)) == Set(model.tensorTypes.keys))
        }
        #expect(types.isSuperset(of: [.q4_K, .q5_K, .q6_K]), "types in the fixtures: \(types)")
    }

    @Test("a batched prompt's last logits equal llama.cpp's", arguments: variants)
    func batched(variant: String) throws {
        let fixture = try KQuantFixture.load()
        let expected = try KQuantFixture.logits(variant, vocabulary: fixture.vocabulary)
        let model = try open(variant)
        let logits = try model.forward(fixture.prompt, cache: try model.makeCache(capacity: fixture.prompt.count))
        let last = try #require(expected.last)
        #expect(logits.count == last.count)
        let error = TestNumbers.nmse(logits, last)
        // Every kernel is bit-exact with llama.cpp's (KernelLlamaCppTests); what remains is the
        // order in which attention and norms sum, as on SmolLM2 (LlamaTests), so 1e-6 is generous.
        #expect(error < 1e-6, "NMSE \(error)")
        #expect(logits.indices.max { logits[$0] < logits[$1] } == last.indices.max { last[$0] < last[$1] })
    }

    @Test("every position's logits, one token at a time, are within NMSE 1e-4 of llama.cpp's batch", arguments: variants)
    func everyPosition(variant: String) throws {
        let fixture = try KQuantFixture.load()
        let expected = try KQuantFixture.logits(variant, vocabulary: fixture.vocabulary)
        try #require(expected.count == fixture.prompt.count)
        let model = try open(variant)
        let cache = try model.makeCache(capacity: fixture.prompt.count)
        for (position, token) in fixture.prompt.enumerated() {
            let logits = try model.forward([token], cache: cache)
            // llama.cpp computed these positions in one batch, which sums attention in another
            // order than one token at a time; the bound is the one the SmolLM2 test uses.
            let error = TestNumbers.nmse(logits, expected[position])
            #expect(error < 1e-4, "position \(position): NMSE \(error)")
        }
    }
}
