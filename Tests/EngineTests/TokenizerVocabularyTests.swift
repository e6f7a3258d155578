// Reading and checking a vocabulary: values from the real file, llama.cpp's defaults, and clear
// refusals for tokenizers Onramp does not implement or vocabularies that cannot work.
import Testing
@testable import Engine

@Suite("Tokenizer vocabulary from GGUF metadata")
struct TokenizerVocabularyTests {
    @Test("SmolLM2's vocabulary reads as the gguf package shows it")
    func smolLM2() throws {
        let vocabulary = try TokenizerTestSupport.vocabulary()
        #expect(vocabulary.model == "gpt2")
        #expect(vocabulary.pre == "smollm")
        #expect(vocabulary.tokens.count == 49_152)
        #expect(vocabulary.tokenTypes.count == 49_152)
        #expect(vocabulary.merges.count == 48_900)
        #expect(vocabulary.merges.first == "Ġ t")
        #expect(vocabulary.tokens[1] == "<|im_start|>")
        #expect(vocabulary.bos == 1 && vocabulary.eos == 2 && vocabulary.unknown == 0 && vocabulary.padding == 2)
        #expect(vocabulary.addBOS == false && vocabulary.addEOS == false && vocabulary.addSpacePrefix == false)
        #expect(try vocabulary.makeTokenizer() is BytePairTokenizer)
    }

    @Test("Llama 3's pre-tokenizer adds BOS unless the file says otherwise")
    func preTokenizerDefaults() throws {
        let tokens = ["<|begin_of_text|>", "a"]
        #expect(try TokenizerVocabulary(tokens: tokens, merges: ["a a"], pre: "llama-bpe", bos: 0).addBOS)
        #expect(try !TokenizerVocabulary(tokens: tokens, merges: ["a a"], pre: "llama-bpe", bos: 0, addBOS: false).addBOS)
        #expect(try !TokenizerVocabulary(tokens: tokens, merges: ["a a"], pre: "qwen2", bos: 0).addBOS)
        // No pre-tokenizer named: llama.cpp's "default".
        #expect(try BytePairTokenizer(vocabulary: TokenizerVocabulary(tokens: tokens, merges: ["a a"])).preTokenizer.name == "default")
    }

    @Test("an unknown tokenizer or pre-tokenizer is refused with a message that says what to do")
    func unsupported() throws {
        #expect(throws: TokenizerError.unsupportedModel("bert")) {
            try TokenizerVocabulary(tokens: ["a"], merges: ["a a"], model: "bert")
        }
        #expect(throws: TokenizerError.unsupportedPreTokenizer("tekken")) {
            try TokenizerVocabulary(tokens: ["a"], merges: ["a a"], pre: "tekken")
        }
        let message = TokenizerError.unsupportedPreTokenizer("tekken").description
        #expect(message.contains("'tekken'") && message.contains("Choose another model"))
        // Each family gets its own tokenizer, and refuses the other's vocabulary.
        let sentencePiece = try TokenizerVocabulary(tokens: ["<unk>", "<s>", "</s>"], model: "llama")
        #expect(try sentencePiece.makeTokenizer() is SentencePieceTokenizer)
        #expect(throws: TokenizerError.unsupportedModel("llama")) { try BytePairTokenizer(vocabulary: sentencePiece) }
    }

    @Test("vocabularies that cannot work are refused")
    func broken() throws {
        #expect(throws: TokenizerError.badVocabularySize(0)) { try TokenizerVocabulary(tokens: [], merges: ["a a"]) }
        #expect(throws: TokenizerError.missingMetadata(key: "tokenizer.ggml.merges")) {
            try TokenizerVocabulary(tokens: ["a"])
        }
        #expect(throws: TokenizerError.inconsistentMetadata(key: "tokenizer.ggml.token_type", count: 1, expected: 2)) {
            try TokenizerVocabulary(tokens: ["a", "b"], tokenTypes: [1], merges: ["a b"])
        }
        // Asked to add BOS, but the default BOS id (11) is outside this small vocabulary.
        #expect(throws: TokenizerError.missingSpecialToken(flag: "tokenizer.ggml.add_bos_token", idKey: "tokenizer.ggml.bos_token_id")) {
            try TokenizerVocabulary(tokens: ["a"], merges: ["a a"], addBOS: true)
        }
        #expect(throws: TokenizerError.duplicateToken(text: "a", firstID: 0, secondID: 1)) {
            try BytePairTokenizer(vocabulary: TokenizerVocabulary(tokens: ["a", "a"], merges: ["a a"]))
        }
    }

    @Test("ids outside the vocabulary give no bytes and are not treated as special")
    func outOfRangeIDs() throws {
        let tokenizer = try BytePairTokenizer(vocabulary: TokenizerVocabulary(tokens: ["a"], merges: ["a a"]))
        #expect(tokenizer.pieceBytes(-1) == [])
        #expect(tokenizer.pieceBytes(7) == [])
        #expect(!tokenizer.isControl(7))
        #expect(!tokenizer.isEndOfGeneration(7))
        #expect(tokenizer.decode([0, 7, -3, 0]) == "aa")
    }
}
