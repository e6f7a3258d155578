// Our tokenizer against llama.cpp on the real SmolLM2 vocabulary, for every supported pre-tokenizer:
// ids, decoded text, token pieces and end-of-generation tokens must be identical.
import Foundation
import Testing
import TestSupport
@testable import Engine

@Suite("Byte-level BPE gives llama.cpp's answers on the SmolLM2 vocabulary", .onOwnThread)
struct TokenizerLlamaCppTests {
    static let pres = ["smollm", "llama-bpe", "qwen2", "default", "gpt-2"]

    private func tokenizer(for variant: TokenizerFixture.Variant) throws -> BytePairTokenizer {
        try BytePairTokenizer(vocabulary: TokenizerTestSupport.vocabulary(pre: variant.pre, addBOS: variant.addBosToken))
    }

    private func variant(_ pre: String) throws -> TokenizerFixture.Variant {
        let fixture = try TokenizerTestSupport.fixture.get()
        return try #require(fixture.variants.first { $0.pre == pre })
    }

    @Test("the fixture covers at least 200 strings for each pre-tokenizer")
    func fixtureSize() throws {
        let fixture = try TokenizerTestSupport.fixture.get()
        #expect(fixture.corpus.count >= 200)
        #expect(Set(fixture.variants.map(\.pre)) == Set(Self.pres))
        for variant in fixture.variants {
            #expect(variant.cases.count == fixture.corpus.count)
        }
    }

    @Test("token ids equal llama.cpp's, with and without special tokens", arguments: pres)
    func ids(pre: String) throws {
        let fixture = try TokenizerTestSupport.fixture.get()
        let variant = try variant(pre)
        let tokenizer = try tokenizer(for: variant)
        for (text, expected) in zip(fixture.corpus, variant.cases) {
            #expect(tokenizer.encode(text, addSpecial: true, parseSpecial: true) == expected.special, "\(pre): \(String(reflecting: text))")
            #expect(tokenizer.encode(text, addSpecial: false, parseSpecial: false) == expected.plain, "\(pre): \(String(reflecting: text))")
        }
    }

    @Test("decoded text equals llama.cpp's, and text round-trips wherever llama.cpp's does", arguments: pres)
    func decoding(pre: String) throws {
        let fixture = try TokenizerTestSupport.fixture.get()
        let variant = try variant(pre)
        let tokenizer = try tokenizer(for: variant)
        var roundTrips = 0
        for (text, expected) in zip(fixture.corpus, variant.cases) {
            let decoded = tokenizer.decode(expected.special)
            // Compare bytes: Swift's == would call "é" and "e\u{301}" equal.
            #expect(Array(decoded.utf8) == Array(expected.decoded.utf8), "\(pre): \(String(reflecting: text))")
            // llama.cpp decoded the ids with BOS; without it, does its text equal the input?
            var llamaText = Array(expected.decoded.utf8)[...]
            if let bos = tokenizer.vocabulary.bos, tokenizer.vocabulary.addBOS {
                llamaText = llamaText.dropFirst(tokenizer.pieceBytes(bos).count)
            }
            if Array(llamaText) == Array(text.utf8) {
                roundTrips += 1
                let again = tokenizer.decode(tokenizer.encode(text, addSpecial: false, parseSpecial: true))
                #expect(Array(again.utf8) == Array(text.utf8), "\(pre): \(String(reflecting: text))")
            }
        }
        // Decoding is only lossy where a pre-tokenizer cleans up spaces or BOS is added.
        #expect(roundTrips >= fixture.corpus.count / 2)
    }

    @Test("every token's bytes equal llama.cpp's token_to_piece", arguments: pres)
    func pieces(pre: String) throws {
        let variant = try variant(pre)
        let tokenizer = try tokenizer(for: variant)
        #expect(TokenizerTestSupport.piecesHash(tokenizer) == variant.pieceHash)
    }

    @Test("end-of-generation tokens are llama.cpp's: <|endoftext|>, <|im_end|> and <reponame>")
    func endOfGeneration() throws {
        let variant = try variant("smollm")
        let tokenizer = try tokenizer(for: variant)
        let ours = (0..<Int32(tokenizer.vocabulary.tokens.count)).filter(tokenizer.isEndOfGeneration)
        #expect(ours == variant.endOfGeneration)
        #expect(ours == [0, 2, 4])
    }

    @Test("the issue's example prompt gives its token ids")
    func issueExample() throws {
        let tokenizer = try BytePairTokenizer(vocabulary: TokenizerTestSupport.vocabulary())
        #expect(tokenizer.encode("The capital of France is", addSpecial: true, parseSpecial: true) == [504, 3575, 282, 4649, 314])
    }
}
