// Shared by the tokenizer tests: the SmolLM2 vocabulary read from the real test model, and the
// fixture of llama.cpp's answers that scripts/make-tokenizer-fixtures wrote.
import Foundation
import Testing
@testable import Engine

enum TokenizerTestSupport {
    /// The SmolLM2 vocabulary, read once; nil when the test model has not been fetched.
    static let smolLM2Vocabulary: Result<TokenizerVocabulary, any Error> = Result {
        let file = try GGUFFile(path: GGUFTestFiles.smolLM2)
        return try TokenizerVocabulary(metadata: file.metadata)
    }

    static func vocabulary() throws -> TokenizerVocabulary {
        let path = GGUFTestFiles.smolLM2
        try #require(FileManager.default.fileExists(atPath: path), "test model missing at \(path); run scripts/fetch-test-models")
        return try smolLM2Vocabulary.get()
    }

    /// The SmolLM2 vocabulary with another pre-tokenizer, as the fixture script made its variants.
    static func vocabulary(pre: String, addBOS: Bool?) throws -> TokenizerVocabulary {
        let base = try vocabulary()
        return try TokenizerVocabulary(
            tokens: base.tokens, tokenTypes: base.tokenTypes, scores: base.scores, merges: base.merges,
            model: base.model, pre: pre, bos: base.bos, eos: base.eos, unknown: base.unknown,
            padding: base.padding, addBOS: addBOS, addEOS: base.addEOS, addSpacePrefix: base.addSpacePrefix)
    }

    static let fixture: Result<TokenizerFixture, any Error> = Result {
        let url = GGUFTestFiles.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/Tokenizer/llamacpp-tokens.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(TokenizerFixture.self, from: Data(contentsOf: url))
    }

    /// FNV-1a, 64 bit: the fixture script hashes large results with it instead of storing them.
    static func fnv1a(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// About 1 MB of English and code: the fixture corpus's first strings repeated, built exactly as the script does.
    static func benchmarkText(_ fixture: TokenizerFixture) -> String {
        let parts = Array(fixture.corpus.prefix(fixture.benchmarkPartCount))
        var pieces: [String] = []
        var size = 0
        var index = 0
        while size < 1_000_000 {
            let part = parts[index % parts.count]
            pieces.append(part)
            size += part.utf8.count + 1
            index += 1
        }
        return pieces.joined(separator: "\n") + "\n"
    }
}

struct TokenizerFixture: Decodable {
    let corpus: [String]
    let benchmarkPartCount: Int
    let variants: [Variant]

    struct Variant: Decodable {
        let pre: String
        let addBosToken: Bool?
        let cases: [Case]
        let endOfGeneration: [Int32]
        let pieceHash: String
        let benchmark: Benchmark
    }

    struct Case: Decodable {
        /// `llama_tokenize` with add_special and parse_special.
        let special: [Int32]
        /// `llama_tokenize` with neither.
        let plain: [Int32]
        /// `llama_detokenize(special)` with special tokens written out.
        let decoded: String
    }

    struct Benchmark: Decodable {
        let bytes: Int
        let tokenCount: Int
        let idsHash: String
    }
}
