// Where the self-test tests find the test model and the repository's documents, and a
// temporary folder per test.
import Foundation

enum TestFiles {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The verified SmolLM2 test model (`scripts/test` sets ONRAMP_TEST_MODELS, else `.models`).
    static var smolLM2: String {
        let folder = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? repositoryRoot.appendingPathComponent(".models").path
        return URL(fileURLWithPath: folder).appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path
    }
}

/// A folder under the temporary directory, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onramp-selftest-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
