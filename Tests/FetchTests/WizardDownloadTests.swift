// The wizard's Download step against the real loopback server: `LiveModelStore.download` under a
// `DownloadControl`, as the Download screen runs it. Stopping a stalled download ends it at once
// and keeps the partial; the next attempt resumes from there and ends verified in the store.

import Catalog
import Foundation
import Synchronization
import Testing
@testable import Fetch
@testable import Wizard

@Suite("Wizard download over loopback", .serialized)
struct WizardDownloadTests {
    @Test("stopping a stalled download ends it within seconds and keeps the partial; r resumes from it and verifies")
    func stopThenResume() async throws {
        let server = try await TestHubServer()
        defer { Task { await server.close() } }
        let file = TestModelFiles.file("model.gguf")
        server.add(file)
        let store = try TemporaryStore()
        var patient = store.settings(endpoint: server.endpoint)
        // Long enough that only the stop can end the stalled read.
        patient.stallTimeout = .seconds(60)
        let settings = patient
        let catalogFile = ModelFile(quantization: "Q4_1", repository: file.repository, fileName: file.name, sizeBytes: Int64(file.bytes.count))
        server.enqueue(.stallAfter(600_000))

        let control = DownloadControl()
        let seen = Mutex<[DownloadProgress]>([])
        let result = Mutex<Result<String, DownloadFailure>?>(nil)
        let running = Task {
            await control.run {
                let ended = await LiveModelStore.download(catalogFile, settings: settings) { update in seen.withLock { $0.append(update) } }
                result.withLock { $0 = ended }
            }
        }
        // The bytes before the stall are on disk (a report may not have come: Fetch reports every
        // quarter second, and these arrive faster).
        let partial = store.root + "/downloads/model.gguf.partial"
        func partialSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0 }
        // Generous: on a loaded two-core machine the parallel suite can hold the first bytes back for long.
        let deadline = ContinuousClock.now + .seconds(120)
        while partialSize() < 600_000, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(partialSize() == 600_000)
        let stopped = ContinuousClock.now
        control.cancel()
        await running.value
        // Well under the 60 s stall time-out, so only the stop can have ended it (a busy parallel
        // suite can delay the wake-up by seconds, hence not a tighter bound).
        #expect(ContinuousClock.now - stopped < .seconds(30))
        #expect(result.withLock { $0 } == .failure(.cancelled))
        #expect(partialSize() == 600_000)
        #expect(seen.withLock { $0.allSatisfy { $0.bytesDone <= 600_000 } })

        // r on the screen: a new control, the same file; the server is asked for the rest only.
        let again = await LiveModelStore.download(catalogFile, settings: settings) { _ in }
        let path = try store.store.blobPath(sha256: file.sha256)
        #expect(again == .success(path))
        #expect(try store.blobBytes(file.sha256) == file.bytes)
        #expect(server.fileRequests.last?.headers["range"] == "bytes=600000-")
        #expect(LiveModelStore.stored(settings: settings) == [StoredModel(fileName: file.name, path: path, size: Int64(file.bytes.count))])
    }

    @Test("the failure page's 'use a file on disk': a real GGUF in ~/Downloads is found (a web page is not) and imported into the store by a link")
    func useFileOnDisk() throws {
        let home = try TemporaryStore()
        let store = try TemporaryStore()
        let settings = store.settings(endpoint: URL(string: "https://models.test")!)
        let bytes = TestModelFiles.gguf(size: 150_000, seed: 31)
        try FileManager.default.createDirectory(atPath: home.root + "/Downloads", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: home.root + "/Downloads/mine.gguf"))
        try Data("<!doctype html><html>Sign in</html>".utf8).write(to: URL(fileURLWithPath: home.root + "/Downloads/page.gguf"))

        let found = LiveModelStore.found(discovery: ModelDiscovery(home: home.root, environment: [:]))
        #expect(found.map(\.fileName) == ["mine.gguf"])
        let model = try #require(found.first)
        let path = try store.store.blobPath(sha256: TestModelFiles.sha256(bytes))
        #expect(LiveModelStore.importFound(model, settings: settings) == .success(path))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        #expect(LiveModelStore.stored(settings: settings) == [StoredModel(fileName: model.name, path: path, size: Int64(bytes.count))])

        // A file changed since it was found is refused with Fetch's words, nothing stored.
        let other = try TemporaryStore()
        let damaged = FoundModel(
            tool: model.tool, name: model.name, path: model.path, sizeBytes: model.sizeBytes, expectedSHA256: String(repeating: "0", count: 64),
            architecture: model.architecture, problem: nil)
        guard case .failure(let problem) = LiveModelStore.importFound(damaged, settings: other.settings(endpoint: settings.endpoint)) else {
            Issue.record("a file with the wrong sha256 was imported")
            return
        }
        #expect(problem.message.contains("does not match the sha256"), "\(problem.message)")
        #expect(ModelStore(root: other.root).manifests().models.isEmpty)
    }

    @Test("a file the server does not have fails with Fetch's plain message, nothing kept")
    func missingFile() async throws {
        let server = try await TestHubServer()
        defer { Task { await server.close() } }
        let store = try TemporaryStore()
        let settings = store.settings(endpoint: server.endpoint)
        let missing = ModelFile(quantization: "Q4_1", repository: "test-org/test-repo", fileName: "absent.gguf", sizeBytes: 1000)
        let result = await LiveModelStore.download(missing, settings: settings) { _ in }
        guard case .failure(.failed(let message)) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        #expect(message.contains("absent.gguf"))
        #expect(LiveModelStore.stored(settings: settings).isEmpty)
    }
}
