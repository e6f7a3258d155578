// SentencePiece (GGUF model "llama"): hand-made vocabularies for the merge rules, and Gemma 3's real
// vocabulary against llama.cpp when that model is in the models folder.
import Foundation
import Testing
import TestSupport
@testable import Engine

@Suite("SentencePiece merges by score, as llama.cpp does", .onOwnThread)
struct TokenizerSentencePieceTests {
    private let normal = TokenizerVocabulary.TokenType.normal
    private let control = TokenizerVocabulary.TokenType.control
    private let byte = TokenizerVocabulary.TokenType.byte

    /// Tokens with scores; ids 0–2 are <unk>, <s>, </s>; every byte has a "<0xAB>" token after them.
    private func tokenizer(_ pieces: [(String, Float)], addSpacePrefix: Bool = true) throws -> SentencePieceTokenizer {
        let bytes = (0..<256).map { String(format: "<0x%02X>", $0) }
        let tokens = ["<unk>", "<s>", "</s>"] + bytes + pieces.map(\.0)
        let types = [TokenizerVocabulary.TokenType.unknown, control, control]
            + Array(repeating: byte, count: 256) + Array(repeating: normal, count: pieces.count)
        let scores = [Float](repeating: 0, count: 259) + pieces.map(\.1)
        return try SentencePieceTokenizer(vocabulary: TokenizerVocabulary(
            tokens: tokens, tokenTypes: types, scores: scores, model: "llama",
            bos: 1, eos: 2, unknown: 0, addBOS: false, addSpacePrefix: addSpacePrefix))
    }

    private func texts(_ tokenizer: SentencePieceTokenizer, _ text: String) -> [String] {
        tokenizer.encode(text, addSpecial: false, parseSpecial: true).map { tokenizer.vocabulary.tokens[Int($0)] }
    }

    @Test("the pair making the highest-scoring token merges first, leftmost on ties")
    func scoreOrder() throws {
        let pieces: [(String, Float)] = [("▁", -1), ("a", -1), ("b", -1), ("c", -1), ("ab", -5), ("bc", -2), ("▁a", -3)]
        let tokenizer = try tokenizer(pieces)
        // "▁abc": ▁a (-3), ab (-5), bc (-2) → bc first, then ▁a.
        #expect(texts(tokenizer, "abc") == ["▁a", "bc"])
        let tied = try self.tokenizer([("a", -1), ("aa", -1)], addSpacePrefix: false)
        #expect(texts(tied, "aaa") == ["aa", "a"])
    }

    @Test("spaces become '▁', with one added in front only where the vocabulary asks")
    func spacePrefix() throws {
        let pieces: [(String, Float)] = [("▁", -1), ("a", -1), ("▁a", -0.5)]
        #expect(texts(try tokenizer(pieces, addSpacePrefix: true), "a a") == ["▁a", "▁a"])
        #expect(texts(try tokenizer(pieces, addSpacePrefix: false), "a a") == ["a", "▁a"])
        // After a special token the prefix is added again, as in llama.cpp.
        #expect(texts(try tokenizer(pieces, addSpacePrefix: true), "a</s>a") == ["▁a", "</s>", "▁a"])
    }

    @Test("a character no token covers is written as byte tokens, and decodes back")
    func byteFallback() throws {
        let tokenizer = try tokenizer([("▁", -1), ("x", -1)])
        #expect(texts(tokenizer, "xé") == ["▁", "x", "<0xC3>", "<0xA9>"])
        let ids = tokenizer.encode("xé", addSpecial: false, parseSpecial: false)
        #expect(tokenizer.decode(ids) == "xé")
    }

    @Test("Gemma 3's ids, text, pieces and end-of-generation set equal llama.cpp's")
    func gemma() throws {
        // A missing model fails the run (a skipped test would read as a pass).
        try #require(TokenizerTestSupport.hasGemma,
                     "test model missing at \(TokenizerTestSupport.gemmaPath); run scripts/fetch-test-models")
        let fixture = try TokenizerTestSupport.gemmaFixture.get()
        let variant = try #require(fixture.variants.first)
        let vocabulary = try TokenizerTestSupport.gemmaVocabulary.get()
        let setupStart = ContinuousClock.now
        let tokenizer = try SentencePieceTokenizer(vocabulary: vocabulary)
        let setup = ContinuousClock.now - setupStart
        for (text, expected) in zip(fixture.corpus, variant.cases) {
            #expect(tokenizer.encode(text, addSpecial: true, parseSpecial: true) == expected.special, "\(String(reflecting: text))")
            #expect(tokenizer.encode(text, addSpecial: false, parseSpecial: false) == expected.plain, "\(String(reflecting: text))")
            #expect(Array(tokenizer.decode(expected.special).utf8) == Array(expected.decoded.utf8), "\(String(reflecting: text))")
        }
        #expect(TokenizerTestSupport.piecesHash(tokenizer) == variant.pieceHash)
        let endOfGeneration = (0..<Int32(tokenizer.vocabulary.tokens.count)).filter(tokenizer.isEndOfGeneration)
        #expect(endOfGeneration == variant.endOfGeneration)

        let text = TokenizerTestSupport.benchmarkText(fixture)
        let (ids, seconds) = TokenizerTestSupport.timedEncode(tokenizer, text)
        #expect(ids.count == variant.benchmark.tokenCount)
        #expect(TokenizerTestSupport.idsHash(ids) == variant.benchmark.idsHash)
        print(String(format: "tokenizer throughput (gemma3 SentencePiece): %.2f MB/s, %d tokens in %.3f s (best of 3); built in %@",
                     Double(text.utf8.count) / 1_000_000 / seconds, ids.count, seconds, "\(setup)"))
    }
}
