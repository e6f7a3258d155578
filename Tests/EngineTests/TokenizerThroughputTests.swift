// Encoding speed on about 1 MB of English and code, checked for exactness against llama.cpp's ids
// for the same text (count and hash). The speed is printed, not asserted: machines differ.
import Foundation
import Testing
import TestSupport
@testable import Engine

@Suite("Tokenizer throughput", .serialized, .onOwnThread)
struct TokenizerThroughputTests {
    @Test("1 MB of English and code encodes exactly as llama.cpp does; prints MB/s", arguments: ["smollm", "llama-bpe"])
    func throughput(pre: String) throws {
        let fixture = try TokenizerTestSupport.fixture.get()
        let variant = try #require(fixture.variants.first { $0.pre == pre })
        let vocabulary = try TokenizerTestSupport.vocabulary(pre: pre, addBOS: variant.addBosToken)
        let setupStart = ContinuousClock.now
        let tokenizer = try BytePairTokenizer(vocabulary: vocabulary)
        let setup = ContinuousClock.now - setupStart
        let text = TokenizerTestSupport.benchmarkText(fixture)
        #expect(text.utf8.count == variant.benchmark.bytes)

        let (ids, best) = TokenizerTestSupport.timedEncode(tokenizer, text)
        #expect(ids.count == variant.benchmark.tokenCount)
        #expect(TokenizerTestSupport.idsHash(ids) == variant.benchmark.idsHash)
        let megabytes = Double(text.utf8.count) / 1_000_000
        print(String(format: "tokenizer throughput (%@): %.2f MB/s, %d tokens in %.3f s (best of 3); built in %@",
                     pre, megabytes / best, ids.count, best, "\(setup)"))
    }
}
