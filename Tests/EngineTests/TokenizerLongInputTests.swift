// Long unbroken input — one huge word, digit run, emoji run or space run — must neither hang nor lose text.
import Testing
@testable import Engine

@Suite("Tokenizing long unbroken input stays fast and lossless")
struct TokenizerLongInputTests {
    @Test("100,000-character words, digit runs and emoji runs round-trip")
    func longRuns() throws {
        let tokenizer = try BytePairTokenizer(vocabulary: TokenizerTestSupport.vocabulary())
        for text in [String(repeating: "ab", count: 50_000), String(repeating: "7", count: 100_000),
                     String(repeating: "😀", count: 20_000), String(repeating: " ", count: 100_000)] {
            let start = ContinuousClock.now
            let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: true)
            #expect(ContinuousClock.now - start < .seconds(20))
            #expect(Array(tokenizer.decode(ids).utf8) == Array(text.utf8))
        }
    }
}
