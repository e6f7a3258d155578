// Where the GGUF tests find their files: the real test models and the committed hostile fixtures.
import Foundation

enum GGUFTestFiles {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The verified test models; `scripts/test` sets ONRAMP_TEST_MODELS, else the checkout's `.models`.
    static var modelsFolder: URL {
        if let folder = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"], !folder.isEmpty {
            return URL(fileURLWithPath: folder)
        }
        return repositoryRoot.appendingPathComponent(".models")
    }

    static var smolLM2: String {
        modelsFolder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path
    }

    static var hostileFolder: URL {
        repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/Hostile")
    }
}
