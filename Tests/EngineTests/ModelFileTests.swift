// A llama model's hyper-parameters and weights, read from the real SmolLM2 model and the tiny
// valid fixture; the expected numbers come from the gguf Python package's reading.
import Foundation
import Testing
@testable import Engine

@Suite("Model files")
struct ModelFileTests {
    @Test("SmolLM2-135M's hyper-parameters are read from its metadata")
    func smolLM2() throws {
        let path = GGUFTestFiles.smolLM2
        try #require(FileManager.default.fileExists(atPath: path), "test model missing at \(path); run scripts/fetch-test-models")
        let file = try GGUFFile(path: path)
        let h = try ModelHyperparameters(file: file)
        #expect(h.architecture == "llama")
        #expect(h.vocabularySize == 49_152)
        #expect(h.contextLength == 8192)
        #expect(h.embeddingLength == 576)
        #expect(h.blockCount == 30)
        #expect(h.feedForwardLength == 1536)
        #expect(h.headCount == 9)
        #expect(h.headCountKV == 3)
        #expect(h.headDimension == 64)
        #expect(h.valueHeadDimension == 64)
        #expect(h.ropeDimensionCount == 64)
        #expect(h.rmsNormEpsilon == Float(9.999999747378752e-06))
        #expect(h.ropeFrequencyBase == 100_000)
        #expect(h.ropeScaling == .init(kind: .none, factor: 1, originalContextLength: 0))

        let tensors = try ModelWeights(file: file, hyperparameters: h)
        #expect(tensors.layers.count == 30)
        #expect(tensors.tiedOutput)
        #expect(tensors.ropeFrequencyFactors == nil)
        #expect(tensors.tokenEmbedding.type == .q8_0)
        let down = try #require(file.tensor(named: "blk.29.ffn_down.weight"))
        #expect(tensors.layers[29].down.base == file.bytes(of: down).baseAddress.map(UnsafeRawPointer.init))
        #expect(tensors.layers[0].key?.rows == 192 && tensors.layers[0].key?.columns == 576)
        #expect(tensors.layers[0].queryBias == nil && tensors.layers[0].queryKeyValue == nil)
    }

    @Test("the tiny valid fixture reads as a one-layer model with its settings")
    func tinyFixture() throws {
        let file = try GGUFFile(path: GGUFTestFiles.hostileFolder.appendingPathComponent("valid-tiny-llama.gguf").path)
        let h = try ModelHyperparameters(file: file)
        #expect(h.blockCount == 1 && h.embeddingLength == 32 && h.headCount == 2 && h.headCountKV == 1)
        #expect(h.headDimension == 16 && h.vocabularySize == 8 && h.ropeFrequencyBase == 10_000)
        let tensors = try ModelWeights(file: file, hyperparameters: h)
        #expect(tensors.layers[0].query?.type == .q8_0)
        #expect(tensors.layers[0].query?.byteCount == 32 / 32 * 34 * 32)
    }

    @Test("a load reads the token list once: the settings hand back the list they counted, which the tokenizer takes")
    func tokensPassedDown() throws {
        let file = try GGUFFile(path: GGUFTestFiles.hostileFolder.appendingPathComponent("valid-tiny-llama.gguf").path)
        var tokens: [String] = []
        let h = try ModelHyperparameters(file: file, readTokens: &tokens)
        #expect(tokens == (try file.metadata.stringArray(TokenizerVocabulary.tokensKey)))
        #expect(tokens.count == 8 && h.vocabularySize == tokens.count)
        #expect(try TokenizerVocabulary(metadata: file.metadata, tokens: tokens).tokens == tokens)
    }
}
