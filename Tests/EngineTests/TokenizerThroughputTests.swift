// Encoding speed on about 1 MB of English and code, checked for exactness against llama.cpp's ids
// for the same text (count and hash). The speed is printed, not asserted: machines differ.
import Foundation
import Testing
@testable import Engine

@Suite("Tokenizer throughput")
struct TokenizerThroughputTests {
    @Test("1 MB of English and code encodes exactly as llama.cpp does; prints MB/s", arguments: ["smollm", "llama-bpe"])
    func throughput(pre: String) throws {
        let fixture = try TokenizerTestSupport.fixture.get()
        let variant = try #require(fixture.variants.first { $0.pre == pre })
        let tokenizer = try BytePairTokenizer(vocabulary: TokenizerTestSupport.vocabulary(pre: pre, addBOS: variant.addBosToken))
        let text = TokenizerTestSupport.benchmarkText(fixture)
        #expect(text.utf8.count == variant.benchmark.bytes)

        let (ids, best) = TokenizerTestSupport.timedEncode(tokenizer, text)
        #expect(ids.count == variant.benchmark.tokenCount)
        #expect(TokenizerTestSupport.idsHash(ids) == variant.benchmark.idsHash)
        let megabytes = Double(text.utf8.count) / 1_000_000
        print(String(format: "tokenizer throughput (%@): %.2f MB/s, %d tokens in %.3f s (best of 3)",
                     pre, megabytes / best, ids.count, best))
    }
}
