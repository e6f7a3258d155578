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

    static let fixture = loadFixture("llamacpp-tokens.json")
    static let gemmaFixture = loadFixture("llamacpp-gemma3-tokens.json")

    private static func loadFixture(_ name: String) -> Result<TokenizerFixture, any Error> {
        Result {
            let url = GGUFTestFiles.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/Tokenizer/\(name)")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(TokenizerFixture.self, from: Data(contentsOf: url))
        }
    }

    /// Gemma 3 270M, the SentencePiece test model (scripts/fetch-test-models puts it in the models folder).
    static var gemmaPath: String {
        GGUFTestFiles.modelsFolder.appendingPathComponent("gemma-3-270m-q4_k_m.gguf").path
    }

    static var hasGemma: Bool { FileManager.default.fileExists(atPath: gemmaPath) }

    static let gemmaVocabulary: Result<TokenizerVocabulary, any Error> = Result {
        try TokenizerVocabulary(metadata: GGUFFile(path: gemmaPath).metadata)
    }

    /// Encodes `text` three times and returns the ids and the best time in seconds.
    static func timedEncode(_ tokenizer: any Tokenizer, _ text: String) -> (ids: [Int32], seconds: Double) {
        var best = Double.infinity
        var ids: [Int32] = []
        for _ in 0..<3 {
            let start = ContinuousClock.now
            ids = tokenizer.encode(text, addSpecial: false, parseSpecial: false)
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return (ids, best)
    }

    /// The FNV-1a hash of ids as little-endian 32-bit integers, as the fixture script computes it.
    static func idsHash(_ ids: [Int32]) -> String {
        fnv1a(ids.flatMap { id in (0..<4).map { UInt8(truncatingIfNeeded: UInt32(bitPattern: id) >> (8 * $0)) } })
    }

    /// The FNV-1a hash of every token's piece, each prefixed by its 16-bit length, as the script computes it.
    static func piecesHash(_ tokenizer: any Tokenizer) -> String {
        var bytes: [UInt8] = []
        for id in 0..<Int32(tokenizer.vocabulary.tokens.count) {
            let piece = tokenizer.pieceBytes(id)
            bytes.append(UInt8(piece.count & 0xFF))
            bytes.append(UInt8(piece.count >> 8))
            bytes.append(contentsOf: piece)
        }
        return fnv1a(bytes)
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
