// Raw prompts written in a chat format: control-token text is read as those tokens (as llama.cpp's
// llama-cli and llama-simple read a prompt) or kept literal; ids from scripts/make-prompt-fixtures.
import Foundation
import Testing
@testable import Engine

@Suite("Chat-formatted prompts tokenize as llama.cpp's raw prompts do")
struct TokenizerPromptTests {
    struct Case: Decodable {
        let model: String
        let prompt: String
        let special: [Int32]
        let literal: [Int32]
    }

    struct Fixture: Decodable { let cases: [Case] }

    private func fixtureCase(_ model: String) throws -> Case {
        let url = GGUFTestFiles.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/Tokenizer/llamacpp-prompts.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        return try #require(fixture.cases.first { $0.model == model })
    }

    /// The tokenizer exactly as `LoadedModel.open` builds it from the file's metadata.
    private func tokenizer(_ model: String) throws -> any Tokenizer {
        let path = GGUFTestFiles.modelsFolder.appendingPathComponent(model).path
        // A missing model fails the run (a skipped test would read as a pass).
        try #require(FileManager.default.fileExists(atPath: path), "test model missing at \(path); run scripts/fetch-test-models")
        return try TokenizerVocabulary(metadata: GGUFFile(path: path).metadata).makeTokenizer()
    }

    @Test("control-token text in a chat prompt gives llama.cpp's ids, parsed and literal",
          arguments: ["SmolLM2-135M-Instruct.Q4_1.gguf", "gemma-3-270m-q4_k_m.gguf"])
    func chatPrompt(model: String) throws {
        let expected = try fixtureCase(model)
        let tokenizer = try tokenizer(model)
        let parsed = tokenizer.encode(expected.prompt, addSpecial: true, parseSpecial: true)
        #expect(parsed == expected.special)
        #expect(tokenizer.encode(expected.prompt, addSpecial: true, parseSpecial: false) == expected.literal)
        // The parsed prompt holds the turn markers as single control tokens; the literal one none.
        let controls = parsed.filter { tokenizer.isControl($0) }
        #expect(controls.count >= 4, "\(controls)")
        #expect(!tokenizer.encode(expected.prompt, addSpecial: false, parseSpecial: false).contains { tokenizer.isControl($0) })
    }
}
