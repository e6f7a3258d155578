// The catalog that ships: every entry complete and sensible, and the compiled copy the same as
// the JSON people review.

import Foundation
import Testing

@testable import Catalog
@testable import Engine

@Suite("The bundled catalog")
struct BundledCatalogTests {
    let catalog: ModelCatalog

    init() throws {
        catalog = try ModelCatalog.bundled()
    }

    @Test("it holds at least 24 models, small to large")
    func size() {
        #expect(catalog.models.count >= 24)
        let parameters = catalog.models.map(\.parameters)
        #expect(parameters.min()! < 300_000_000)
        #expect(parameters.max()! > 12_000_000_000)
    }

    @Test("the compiled copy equals Sources/Catalog/Resources/catalog.json (run scripts/update-catalog)")
    func compiledCopyMatches() throws {
        let json = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Catalog/Resources/catalog.json")
        let file = try String(contentsOf: json, encoding: .utf8)
        #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == BundledCatalog.json.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("every model names its sources, a licence, languages and uses")
    func provenance() {
        for model in catalog.models {
            #expect(!model.sources.isEmpty, "\(model.id)")
            #expect(model.sources.contains { $0.contains("config.json") }, "\(model.id) cites its config.json")
            #expect(!model.license.isEmpty && !model.languages.isEmpty && !model.uses.isEmpty, "\(model.id)")
        }
    }

    @Test("every file size is within a third of parameters × the quantisation's bits")
    func sizesArePlausible() {
        for model in catalog.models {
            for file in model.files {
                let bits = Double(file.sizeBytes) * 8 / Double(model.parameters)
                let nominal = file.nominalBitsPerWeight
                #expect(nominal != nil, "\(file.fileName): unknown quantisation \(file.quantization)")
                if let nominal { #expect(bits > nominal * 0.85 && bits < nominal * 1.35, "\(file.fileName): \(bits) bits") }
            }
        }
    }

    @Test("ids and files are unique")
    func unique() {
        #expect(Set(catalog.models.map(\.id)).count == catalog.models.count)
        let files = catalog.models.flatMap(\.files).map { $0.repository + "/" + $0.fileName }
        #expect(Set(files).count == files.count)
    }

    @Test("the goals each have models: chat, code and small")
    func goalsCovered() {
        for use in ModelUse.allCases {
            #expect(catalog.models.filter { $0.uses.contains(use) }.count >= 3, "\(use)")
        }
    }

    @Test("the architecture numbers and sizes agree with the test models' GGUF headers", arguments: [
        ("smollm2-135m-instruct", "SmolLM2-135M-Instruct.Q4_1.gguf", "llama"),
        // The test model is Gemma 3 270M (base); the catalog's is its instruct twin, the same shape.
        ("gemma-3-270m-it", "gemma-3-270m-q4_k_m.gguf", "gemma3"),
    ])
    func architectureAgreesWithTestModels(id: String, fileName: String, prefix: String) throws {
        let model = try #require(catalog.models.first { $0.id == id })
        let folder = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".models").path
        let file = try GGUFFile(path: folder + "/" + fileName)
        let m = file.metadata
        #expect(try m.string("general.architecture") == model.architecture)
        #expect(try m.integer("\(prefix).block_count") == model.layers)
        #expect(try m.integer("\(prefix).embedding_length") == model.embeddingLength)
        #expect(try m.integer("\(prefix).attention.head_count") == model.headCount)
        #expect(try m.integer("\(prefix).attention.head_count_kv") == model.kvHeadCount)
        #expect(try m.integer("\(prefix).context_length") == model.contextLength)
        let keyLength = (try? m.integer("\(prefix).attention.key_length")) ?? model.embeddingLength / model.headCount
        #expect(keyLength == model.headDimension)
        #expect(try m.stringArray("tokenizer.ggml.tokens").count == model.vocabularySize)
        // A tied model has no output matrix of its own: the embedding table is reused.
        #expect((file.tensor(named: "output.weight") == nil) == model.tiedEmbeddings)
        if let listed = model.files.first(where: { $0.fileName == fileName }) {
            #expect(listed.sizeBytes == Int64(file.fileSize))
        }
    }
}
