// The real test models (scripts/fetch-test-models; `scripts/test` sets ONRAMP_TEST_MODELS, else
// the repository's `.models`). A missing model fails the tests that need it, never skips them.

import Foundation

enum TestModels {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var folder: URL {
        let configured = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"].flatMap { $0.isEmpty ? nil : $0 }
        return configured.map { URL(fileURLWithPath: $0) } ?? repositoryRoot.appendingPathComponent(".models")
    }

    static var smolLM2: String { folder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path }
    static var gemma3: String { folder.appendingPathComponent("gemma-3-270m-q4_k_m.gguf").path }
}
