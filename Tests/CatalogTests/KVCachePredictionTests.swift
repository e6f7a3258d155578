// The recommender's KV cache prediction against the engine's real cache: the same bytes for the
// test model at a 4,096-token context, so a predicted fit is the memory the engine takes.

import Foundation
import Testing

@testable import Catalog
@testable import Engine

@Suite("KV cache prediction")
struct KVCachePredictionTests {
    static var smolLM2: String {
        let folder = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".models")
        return folder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path
    }

    @Test("SmolLM2's predicted KV cache for 4,096 tokens is the engine's default cache, byte for byte")
    func predictionIsTheRealCache() throws {
        let path = Self.smolLM2
        // A missing model fails the run (a skipped test would read as a pass).
        try #require(FileManager.default.fileExists(atPath: path), "test model missing at \(path); run scripts/fetch-test-models")
        let loaded = try LoadedModel.open(path: path, threads: 1)
        let cache = try loaded.model.makeCache(capacity: 4096)

        let entry = try #require(try ModelCatalog.bundled().models.first { $0.id == "smollm2-135m-instruct" })
        let file = try #require(entry.files.first { $0.fileName == "SmolLM2-135M-Instruct.Q4_1.gguf" })
        #expect(entry.kvBytesPerToken() == Int64(cache.bytesPerPosition))
        #expect(MemoryNeed.of(entry, file: file, context: 4096).kvCacheBytes == Int64(cache.byteCount))
    }
}
