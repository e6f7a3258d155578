// Small stand-ins for model files: a valid GGUF header (architecture "llama", no tensors) followed
// by random bytes, big enough that faults can cut them mid-body; plus a temporary store folder.

import Crypto
import Foundation
@testable import Fetch

enum TestModelFiles {
    static func gguf(size: Int, seed: UInt64 = 1) -> [UInt8] {
        var bytes: [UInt8] = Array("GGUF".utf8)
        func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        func string(_ text: String) {
            u64(UInt64(text.utf8.count))
            bytes += Array(text.utf8)
        }
        u32(3)  // version
        u64(0)  // tensors
        u64(1)  // metadata entries
        string("general.architecture")
        u32(8)  // string
        string("llama")
        var state = seed
        while bytes.count < size {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        return bytes
    }

    /// The verified test models; `scripts/test` sets ONRAMP_TEST_MODELS, else the checkout's `.models`.
    static var modelsFolder: String {
        if let folder = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"], !folder.isEmpty { return folder }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".models").path
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func file(_ name: String, repository: String = "test-org/test-repo", size: Int = 2_000_000, seed: UInt64 = 1)
        -> TestHubServer.File
    {
        let bytes = gguf(size: size, seed: seed)
        return TestHubServer.File(repository: repository, name: name, bytes: bytes, sha256: sha256(bytes))
    }
}

/// A store under /tmp for one test, removed when the value goes away.
final class TemporaryStore {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "onramp-fetch-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Settings for tests: patient enough for loopback, fast enough that retries cost milliseconds.
    /// The stall timeout is long unless a test is about stalls: on a loaded machine (the suite runs
    /// its tests in parallel, often beside builds) a healthy transfer can pause, and a retry the
    /// test did not ask for would change the requests it counts. (Pauses of 15 s and more came from
    /// long tests holding every thread of Swift's shared pool; those now run `.onOwnThread`.)
    func settings(endpoint: URL, token: String? = nil, stallTimeout: Duration = .seconds(60)) -> FetchSettings {
        var settings = FetchSettings(storeRoot: root, endpoint: endpoint, token: token)
        settings.stallTimeout = stallTimeout
        settings.backoffBase = .milliseconds(20)
        settings.backoffCap = .milliseconds(100)
        settings.maxAttempts = 4
        settings.freeSpaceMargin = 0
        return settings
    }

    var store: ModelStore { ModelStore(root: root) }

    func blobBytes(_ sha256: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try store.blobPath(sha256: sha256))))
    }
}
