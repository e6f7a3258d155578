// Printing tokens as they arrive: characters split across tokens are held back until complete.
import Testing
@testable import Engine

@Suite("Streaming decoder prints only whole characters")
struct TokenizerStreamingTests {
    @Test("multi-byte characters split across SmolLM2 tokens come out whole, in order")
    func reassemblesSplitCharacters() throws {
        let tokenizer = try BytePairTokenizer(vocabulary: TokenizerTestSupport.vocabulary())
        let text = "Emoji 😀👨‍👩‍👧 café 日本語 ∑∫ 𝄞 done"
        let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: false)
        // The point of the test: some token really is part of a character.
        let splitPieces = ids.filter { String(validating: tokenizer.pieceBytes($0), as: UTF8.self) == nil }
        #expect(!splitPieces.isEmpty)

        var decoder = StreamingTextDecoder(tokenizer: tokenizer)
        var chunks: [String] = []
        for id in ids { chunks.append(decoder.append(id)) }
        chunks.append(decoder.flush())
        #expect(chunks.joined() == text)
        #expect(Array(chunks.joined().utf8) == Array(text.utf8))
        #expect(!chunks.joined().unicodeScalars.contains("\u{FFFD}"))
        #expect(chunks.contains(""))
    }

    @Test("control tokens such as <|im_end|> are hidden unless asked for")
    func hidesControlTokens() throws {
        let tokenizer = try BytePairTokenizer(vocabulary: TokenizerTestSupport.vocabulary())
        let ids = tokenizer.encode("Hi<|im_end|>", addSpecial: false, parseSpecial: true)
        var hidden = StreamingTextDecoder(tokenizer: tokenizer)
        #expect(ids.map { hidden.append($0) }.joined() == "Hi")
        var shown = StreamingTextDecoder(tokenizer: tokenizer, showsSpecialTokens: true)
        #expect(ids.map { shown.append($0) }.joined() == "Hi<|im_end|>")
    }

    @Test("an unfinished character is held back; bytes that can never be valid are let through")
    func completePrefix() {
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        #expect(StreamingTextDecoder.completePrefixLength([0x41] + euro.prefix(1)) == 1)
        #expect(StreamingTextDecoder.completePrefixLength([0x41] + euro.prefix(2)) == 1)
        #expect(StreamingTextDecoder.completePrefixLength([0x41] + euro) == 4)
        #expect(StreamingTextDecoder.completePrefixLength([0xF0, 0x9F, 0x98]) == 0)
        // A stray continuation byte, an invalid lead byte and an impossible second byte are not waited for.
        #expect(StreamingTextDecoder.completePrefixLength([0x41, 0x80]) == 2)
        #expect(StreamingTextDecoder.completePrefixLength([0x41, 0xFF]) == 2)
        #expect(StreamingTextDecoder.completePrefixLength([0xE0, 0x80]) == 2)
        #expect(StreamingTextDecoder.completePrefixLength([0xED, 0xA0]) == 2)
        #expect(StreamingTextDecoder.completePrefixLength([]) == 0)
    }

    @Test("flush shows a dangling partial character as U+FFFD and empties the decoder")
    func flushDanglingBytes() throws {
        let tokenizer = try BytePairTokenizer(vocabulary: TokenizerTestSupport.vocabulary())
        // Byte-level tokens for the first two bytes of "€" (E2 82), found by their alphabet characters.
        let first = try #require(tokenizer.vocabulary.tokens.firstIndex(of: "â"))
        let second = try #require(tokenizer.vocabulary.tokens.firstIndex(of: "Ĥ"))
        #expect(tokenizer.pieceBytes(Int32(first)) == [0xE2])
        #expect(tokenizer.pieceBytes(Int32(second)) == [0x82])
        var decoder = StreamingTextDecoder(tokenizer: tokenizer)
        #expect(decoder.append(Int32(first)) == "")
        #expect(decoder.append(Int32(second)) == "")
        #expect(decoder.flush() == "\u{FFFD}")
        #expect(decoder.flush() == "")
    }
}
