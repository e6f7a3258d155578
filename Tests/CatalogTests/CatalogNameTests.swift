// Catalog names as people type them: exact ids in any case, an optional quantisation, the
// recommender's file when none is given, and the closest ids when a name means nothing.

import Testing

@testable import Catalog

@Suite("Catalog names")
struct CatalogNameTests {
    let catalog: ModelCatalog
    init() throws { catalog = try ModelCatalog.bundled() }

    @Test("an id without a quantisation gets the file the recommender prefers")
    func preferredFile() {
        guard case .found(let model, let file) = catalog.lookUp(name: "llama-3.2-1b-instruct") else {
            Issue.record("not found")
            return
        }
        #expect(model.id == "llama-3.2-1b-instruct")
        #expect(file.quantization == "Q4_K_M")  // it also has Q8_0
        guard case .found(_, let smol) = catalog.lookUp(name: "smollm2-135m-instruct") else {
            Issue.record("not found")
            return
        }
        #expect(smol.quantization == "Q4_1")  // Q4_1 comes before Q8_0
    }

    @Test("the id and quantisation ignore case and surrounding spaces")
    func caseAndSpaces() {
        guard case .found(_, let file) = catalog.lookUp(name: " SmolLM2-135M-Instruct:q8_0 ") else {
            Issue.record("not found")
            return
        }
        #expect(file.fileName == "SmolLM2-135M-Instruct-Q8_0.gguf")
    }

    @Test("a quantisation the model lacks lists the ones it has")
    func unknownQuantization() {
        guard case .unknownQuantization(let model, let available) = catalog.lookUp(name: "smollm2-135m-instruct:q5_k_m") else {
            Issue.record("expected unknownQuantization")
            return
        }
        #expect(model.id == "smollm2-135m-instruct")
        #expect(available == ["Q4_1", "Q8_0"])
    }

    @Test("an unknown name suggests the closest ids", arguments: [
        ("smollm2-135m", ["smollm2-135m-instruct"]),  // a short form
        ("qwen3-8", ["qwen3-8b"]),  // one letter missing
        ("qwen3-4", ["qwen3-4b", "qwen3-4b-instruct-2507"]),  // shortest first
        ("smolm2-360m-instruct", ["smollm2-360m-instruct", "smollm2-135m-instruct", "smollm2-1.7b-instruct"]),  // a typo
        ("smollm3", ["smollm2-1.7b-instruct", "smollm2-135m-instruct", "smollm2-360m-instruct"]),  // a short form, mistyped
        ("lama-3.2-3b-instruct", ["llama-3.2-3b-instruct"]),
        ("gpt-5", [String]()),  // nothing close
    ])
    func suggestions(typed: String, expected: [String]) {
        #expect(catalog.lookUp(name: typed) == .unknownModel(suggestions: expected))
    }

    @Test("typos suggest at most three ids, nearest first")
    func typoSuggestions() {
        // coder-3b and coder-7b are one edit away, coder-0.5b and coder-1.5b three.
        #expect(catalog.lookUp(name: "qwen2.5-coder-2b-instruct")
            == .unknownModel(suggestions: ["qwen2.5-coder-3b-instruct", "qwen2.5-coder-7b-instruct", "qwen2.5-coder-0.5b-instruct"]))
    }

    @Test("edit distance counts insertions, deletions and substitutions")
    func editDistance() {
        #expect(ModelCatalog.editDistance("kitten", "sitting") == 3)
        #expect(ModelCatalog.editDistance("", "abc") == 3)
        #expect(ModelCatalog.editDistance("same", "same") == 0)
    }
}
