// Merge-order and special-token edge cases on tiny hand-made vocabularies, where the expected ids
// can be worked out by hand from llama.cpp's rules.
import Testing
@testable import Engine

@Suite("BPE merges follow rank order, leftmost first, as llama.cpp does")
struct TokenizerMergeOrderTests {
    /// A vocabulary of the given token texts (byte-level alphabet, "Ġ" is a space) and merges.
    private func tokenizer(
        _ tokens: [String], merges: [String], types: [Int32] = [], pre: String = "gpt-2"
    ) throws -> BytePairTokenizer {
        try BytePairTokenizer(vocabulary: TokenizerVocabulary(
            tokens: tokens, tokenTypes: types, merges: merges, pre: pre, addBOS: false))
    }

    private func ids(_ tokenizer: BytePairTokenizer, _ text: String, parseSpecial: Bool = false) -> [String] {
        tokenizer.encode(text, addSpecial: false, parseSpecial: parseSpecial).map { tokenizer.vocabulary.tokens[Int($0)] }
    }

    @Test("the best-ranked pair merges first wherever it is")
    func rankBeatsPosition() throws {
        let vocabulary = ["a", "b", "c", "d", "ab", "bc", "cd"]
        #expect(ids(try tokenizer(vocabulary, merges: ["b c", "a b"]), "abc") == ["a", "bc"])
        #expect(ids(try tokenizer(vocabulary, merges: ["a b", "b c"]), "abc") == ["ab", "c"])
        #expect(ids(try tokenizer(vocabulary, merges: ["c d", "a b", "b c"]), "abcd") == ["ab", "cd"])
    }

    @Test("equal pairs merge leftmost first")
    func leftmostOnTies() throws {
        let merged = try tokenizer(["a", "aa", "aaaa"], merges: ["a a", "aa aa"])
        #expect(ids(merged, "aaa") == ["aa", "a"])
        #expect(ids(merged, "aaaa") == ["aaaa"])
        #expect(ids(merged, "aaaaa") == ["aaaa", "a"])
        let pairsOnly = try tokenizer(["a", "aa"], merges: ["a a"])
        #expect(ids(pairsOnly, "aaaaaaa") == ["aa", "aa", "aa", "a"])
    }

    @Test("merges build on earlier merges, and the first listing of a pair wins")
    func chainedAndDuplicateMerges() throws {
        let tokenizer = try tokenizer(["l", "o", "w", "lo", "low", "ow"], merges: ["l o", "lo w", "o w", "l o"])
        #expect(ids(tokenizer, "low") == ["low"])
        #expect(ids(tokenizer, "ow") == ["ow"])
    }

    @Test("a merge whose result is not a token falls back to one-byte tokens of its text")
    func mergeResultMissingFromVocabulary() throws {
        let tokenizer = try tokenizer(["a", "b"], merges: ["a b"])
        #expect(ids(tokenizer, "ab") == ["a", "b"])
    }

    @Test("bytes whose character is no token are dropped, as llama.cpp drops them")
    func unknownBytesDropped() throws {
        // "é" is bytes C3 A9, written "Ã©" in the byte alphabet; only "©" is a token.
        let tokenizer = try tokenizer(["x", "©"], merges: ["x x"])
        #expect(ids(tokenizer, "xé") == ["x", "©"])
    }

    @Test("a leading space joins the word and merges as 'Ġ'")
    func spaceCharacter() throws {
        let tokenizer = try tokenizer(["Ġ", "a", "Ġa", "b"], merges: ["Ġ a"])
        #expect(ids(tokenizer, " a b") == ["Ġa", "Ġ", "b"])
    }

    @Test("Llama 3 takes a word that is itself a token whole, even where merges would not reach it")
    func wholeWordTokens() throws {
        let vocabulary = ["a", "b", "c", "ab", "abc"]
        let merges = ["a b"]
        #expect(ids(try tokenizer(vocabulary, merges: merges, pre: "llama-bpe"), "abc") == ["abc"])
        #expect(ids(try tokenizer(vocabulary, merges: merges, pre: "gpt-2"), "abc") == ["ab", "c"])
    }

    @Test("control tokens are cut out only when parsing special text; user-defined ones always; longest first")
    func specialTokens() throws {
        let control = TokenizerVocabulary.TokenType.control
        let user = TokenizerVocabulary.TokenType.userDefined
        let normal = TokenizerVocabulary.TokenType.normal
        let tokenizer = try tokenizer(
            ["<", "x", ">", "<x>", "<x><x>", "<u>", "u"],
            merges: ["x x"],
            types: [normal, normal, normal, control, control, user, normal])
        #expect(ids(tokenizer, "<x><x><x>", parseSpecial: true) == ["<x><x>", "<x>"])
        #expect(ids(tokenizer, "<x>", parseSpecial: false) == ["<", "x", ">"])
        #expect(ids(tokenizer, "x<u>x", parseSpecial: false) == ["x", "<u>", "x"])
    }

    @Test("BOS and EOS are added only when the model asks and the caller allows")
    func addedTokens() throws {
        let vocabulary = try TokenizerVocabulary(
            tokens: ["<s>", "</s>", "a"], merges: ["a a"], pre: "gpt-2", bos: 0, eos: 1, addBOS: true, addEOS: true)
        let tokenizer = try BytePairTokenizer(vocabulary: vocabulary)
        #expect(tokenizer.encode("a", addSpecial: true, parseSpecial: false) == [0, 2, 1])
        #expect(tokenizer.encode("a", addSpecial: false, parseSpecial: false) == [2])
        #expect(tokenizer.encode("", addSpecial: true, parseSpecial: false) == [0, 1])
    }
}
