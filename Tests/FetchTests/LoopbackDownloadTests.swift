// Real downloads over loopback from `TestHubServer`: Hugging Face's resolve step, resuming after
// each kind of fault, verification, and the rules about redirects and the token.

import Foundation
import Testing
@testable import Fetch

@Suite("Fetch: downloads over loopback with injected faults", .serialized)
struct LoopbackDownloadTests {
    /// Runs `body` with a fresh server holding `file`, and a fresh store.
    private func withServer(
        _ file: TestHubServer.File = TestModelFiles.file("model.gguf"),
        _ body: (TestHubServer, TemporaryStore, TestHubServer.File) async throws -> Void
    ) async throws {
        let server = try await TestHubServer()
        server.add(file)
        let store = try TemporaryStore()
        do {
            try await body(server, store, file)
        } catch {
            await server.close()
            throw error
        }
        await server.close()
    }

    private func hf(_ file: TestHubServer.File) throws -> ModelSource {
        try ModelSource.parse("hf://\(file.repository)/\(file.name)")
    }

    @Test("hf:// is resolved with a HEAD that is not followed, pinned to the commit, and recorded")
    func resolveAndRecord() async throws {
        try await withServer { server, store, file in
            let outcome = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
            guard case .downloaded(let manifest) = outcome else { Issue.record("not downloaded"); return }
            #expect(manifest.sha256 == file.sha256 && manifest.size == Int64(file.bytes.count))
            #expect(manifest.revision == TestHubServer.commit && manifest.architecture == "llama")
            #expect(manifest.source == "hf://test-org/test-repo/model.gguf")
            #expect(try store.blobBytes(file.sha256) == file.bytes)
            let requests = server.log.map { "\($0.method) \($0.path)" }
            #expect(requests == [
                "HEAD /test-org/test-repo/resolve/main/model.gguf",
                "GET /test-org/test-repo/resolve/\(TestHubServer.commit)/model.gguf",
                "GET /files/model.gguf",
            ])
            // A second pull finds it in the store and downloads nothing.
            let again = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
            #expect(again == .alreadyPresent(manifest))
            #expect(server.fileRequests.count == 1)
            let partials = try FileManager.default.contentsOfDirectory(atPath: store.root + "/downloads").filter { $0.hasSuffix(".partial") }
            #expect(partials.isEmpty)
        }
    }

    @Test("the token goes to the endpoint, and not to the second host it redirects to")
    func tokenNotSentAcrossHosts() async throws {
        try await withServer { server, store, file in
            server.serveFilesFromSecondHost()
            _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint, token: "hf_secret")).pull(try hf(file))
            let first = server.log.filter { $0.host == "127.0.0.1" }
            let second = server.log.filter { $0.host == "127.0.0.2" }
            #expect(first.count == 2 && first.allSatisfy { $0.headers["authorization"] == "Bearer hf_secret" })
            #expect(second.count == 1 && second.allSatisfy { $0.headers["authorization"] == nil })
            #expect(try store.blobBytes(file.sha256) == file.bytes)
        }
    }

    /// The Range of the second file request: bytes the client had saved when the first one broke
    /// (the client may drop what it had buffered but not yet saved when the connection fails).
    private func resumedFrom(_ server: TestHubServer, atMost sent: Int) -> Int? {
        let requests = server.fileRequests
        guard requests.count >= 2, requests[0].headers["range"] == nil, let range = requests[1].headers["range"],
            range.hasPrefix("bytes="), range.hasSuffix("-"), let start = Int(range.dropFirst(6).dropLast()),
            start > 0, start <= sent
        else { return nil }
        return start
    }

    @Test("a connection reset mid-body is resumed with Range from the bytes saved")
    func resetThenResume() async throws {
        try await withServer { server, store, file in
            server.enqueue(.resetAfter(700_000))
            _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
            #expect(server.fileRequests.count == 2)
            #expect(resumedFrom(server, atMost: 700_000) != nil, "\(server.fileRequests.map { $0.headers["range"] })")
            // The sha256 matching proves the resumed bytes were appended at the right place.
            #expect(try store.blobBytes(file.sha256) == file.bytes)
        }
    }

    @Test("a stalled connection is dropped after the stall timeout and resumed")
    func stallThenResume() async throws {
        try await withServer { server, store, file in
            server.enqueue(.stallAfter(300_000))
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint, stallTimeout: .seconds(1))).pull(try hf(file))
            let elapsed = clock.now - start
            #expect(server.fileRequests.count == 2 && resumedFrom(server, atMost: 300_000) != nil)
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(10), "\(elapsed)")
            #expect(try store.blobBytes(file.sha256) == file.bytes)
        }
    }

    @Test("a server that answers 200 to a range request is read from the start")
    func fullAnswerToRange() async throws {
        try await withServer { server, store, file in
            server.enqueue(.resetAfter(500_000), .ignoreRange)
            _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
            #expect(server.fileRequests.count == 2 && resumedFrom(server, atMost: 500_000) != nil)
            #expect(try store.blobBytes(file.sha256) == file.bytes)
        }
    }

    @Test("a 206 whose Content-Range starts elsewhere is not appended; the download starts over")
    func wrongContentRange() async throws {
        try await withServer { server, store, file in
            server.enqueue(.resetAfter(500_000), .wrongContentRange)
            _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
            #expect(resumedFrom(server, atMost: 500_000) != nil)
            #expect(server.fileRequests.count == 3 && server.fileRequests[2].headers["range"] == nil)
            #expect(try store.blobBytes(file.sha256) == file.bytes)
        }
    }

    @Test("a partial that already holds the whole file gets 416 and is verified without downloading")
    func rangeNotSatisfiable() async throws {
        try await withServer { server, store, file in
            // A plain URL: no size known in advance, so the complete partial is sent as a range.
            let source = ModelSource.url(server.fileURL(file.name))
            let settings = store.settings(endpoint: server.endpoint)
            try store.store.prepare()
            let partial = store.store.partialPath(for: file.name)
            try Data(file.bytes).write(to: URL(fileURLWithPath: partial))
            try JSONEncoder().encode(PartialNote(url: server.fileURL(file.name).absoluteString, sha256: nil, size: nil))
                .write(to: URL(fileURLWithPath: partial + ".json"))
            let outcome = try await ModelPull(settings: settings).pull(source)
            #expect(outcome.manifest.sha256 == file.sha256)
            let ranges = server.fileRequests.map { $0.headers["range"] }
            #expect(ranges.last == "bytes=\(file.bytes.count)-")
        }
    }

    @Test("a file whose sha256 differs from the server's is deleted and the error says so")
    func checksumMismatch() async throws {
        try await withServer { server, store, file in
            server.enqueue(.corrupt)
            do {
                _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
                Issue.record("a corrupted file was accepted")
            } catch let error as FetchError {
                #expect(error.kind == .checksumMismatch)
                #expect(error.message.contains("damaged") && error.message.contains(file.sha256) && error.message.contains("deleted"))
            }
            #expect(!FileManager.default.fileExists(atPath: store.store.partialPath(for: file.name)))
            #expect(store.store.manifests().models.isEmpty)
        }
    }

    @Test("500 then success: retried after a backoff")
    func serverErrorThenSuccess() async throws {
        try await withServer { server, store, file in
            server.enqueue(.status(500, retryAfter: nil), .status(502, retryAfter: nil))
            _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
            #expect(server.fileRequests.count == 3)
            #expect(try store.blobBytes(file.sha256) == file.bytes)
        }
    }

    @Test("429 with Retry-After: 1 waits a second, then succeeds")
    func tooManyRequests() async throws {
        try await withServer { server, store, file in
            server.enqueue(.status(429, retryAfter: "1"))
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
            #expect(clock.now - start >= .milliseconds(950))
            #expect(server.fileRequests.count == 2)
        }
    }

    @Test("endless 503s give up after the attempt limit with a message that keeps the partial")
    func givesUp() async throws {
        try await withServer { server, store, file in
            server.enqueue(.resetAfter(100_000))
            for _ in 0..<10 { server.enqueue(.status(503, retryAfter: nil)) }
            do {
                _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
                Issue.record("succeeded against a failing server")
            } catch let error as FetchError {
                #expect(error.kind == .networkFailed && error.message.contains("503") && error.message.contains("run the same pull again"))
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: store.store.partialPath(for: file.name))
            let kept = (attributes[.size] as? NSNumber)?.intValue ?? 0
            #expect(kept > 0 && kept <= 100_000, "kept \(kept) bytes")
        }
    }

    @Test("redirects: an insecure target is refused, and a loop stops after 10 hops")
    func redirectRules() async throws {
        try await withServer { server, store, file in
            server.enqueue(.redirect("http://192.0.2.1/model.gguf"))
            do {
                _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
                Issue.record("followed a redirect to plain http on another machine")
            } catch let error as FetchError {
                #expect(error.kind == .insecureURL)
            }
            let loop = server.fileURL(file.name).absoluteString
            for _ in 0..<12 { server.enqueue(.redirect(loop)) }
            do {
                _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
                Issue.record("followed a redirect loop")
            } catch let error as FetchError {
                #expect(error.kind == .tooManyRedirects)
            }
        }
    }

    @Test("a gated repository (401 or 403) says to accept the licence and set HF_TOKEN", arguments: [401, 403])
    func gated(status: Int) async throws {
        try await withServer { server, store, file in
            server.failResolve(with: status)
            do {
                _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(try hf(file))
                Issue.record("no error")
            } catch let error as FetchError {
                #expect(error.kind == .needsAccess && error.message.contains("licence") && error.message.contains("HF_TOKEN"))
                #expect(error.message.contains("\(server.endpoint.absoluteString)/test-org/test-repo"))
            }
            #expect(!FileManager.default.fileExists(atPath: store.store.partialPath(for: file.name)))
        }
    }

    @Test("a Git LFS pointer served instead of a model is refused as one, and deleted")
    func lfsPointer() async throws {
        let pointer = Array("version https://git-lfs.github.com/spec/v1\noid sha256:\(String(repeating: "ab", count: 32))\nsize 98400000\n".utf8)
        let file = TestHubServer.File(repository: "o/r", name: "pointer.gguf", bytes: pointer, sha256: TestModelFiles.sha256(pointer))
        try await withServer(file) { server, store, file in
            do {
                _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(.url(server.fileURL(file.name)))
                Issue.record("a Git LFS pointer was stored as a model")
            } catch let error as FetchError {
                #expect(error.kind == .notGGUF && error.message.contains("Git LFS pointer"), "\(error.message)")
            }
            #expect(!FileManager.default.fileExists(atPath: store.store.partialPath(for: file.name)))
            #expect(store.store.manifests().models.isEmpty)
        }
    }

    @Test("a web page served instead of a model is refused with what it is, and deleted")
    func notGGUF() async throws {
        let page = Array("<!DOCTYPE html><html><body>Sign in</body></html>".utf8)
        let file = TestHubServer.File(repository: "o/r", name: "page.gguf", bytes: page, sha256: TestModelFiles.sha256(page))
        try await withServer(file) { server, store, file in
            do {
                _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(.url(server.fileURL(file.name)))
                Issue.record("a web page was stored as a model")
            } catch let error as FetchError {
                #expect(error.kind == .notGGUF && error.message.contains("web page"), "\(error.message)")
            }
            #expect(!FileManager.default.fileExists(atPath: store.store.partialPath(for: file.name)))
        }
    }

    @Test("not enough free space: fails before downloading, saying how much to free")
    func notEnoughSpace() async throws {
        try await withServer { server, store, file in
            var settings = store.settings(endpoint: server.endpoint)
            settings.freeSpace = { _ in 1_000_000 }
            do {
                _ = try await ModelPull(settings: settings).pull(try hf(file))
                Issue.record("no error")
            } catch let error as FetchError {
                #expect(error.kind == .notEnoughSpace && error.message.contains("Free at least 1.0 MB"), "\(error.message)")
            }
            #expect(server.fileRequests.isEmpty)
        }
    }

    @Test("a second pull of a file being downloaded says so, or waits with --wait and then finds it")
    func concurrentPulls() async throws {
        try await withServer { server, store, file in
            let settings = store.settings(endpoint: server.endpoint)
            try store.store.prepare()
            let lockPath = String(store.store.partialPath(for: file.name).dropLast(".partial".count)) + ".lock"
            var holder: FileLock? = try await FileLock(path: lockPath, what: file.name, wait: false)
            do {
                _ = try await ModelPull(settings: settings).pull(try hf(file))
                Issue.record("pulled while another pull held the lock")
            } catch let error as FetchError {
                #expect(error.kind == .inProgress && error.message.contains("already being downloaded"))
            }
            let waiting = Task { try await ModelPull(settings: settings).pull(try hf(file), waitForLock: true) }
            try await Task.sleep(for: .milliseconds(300))
            #expect(server.fileRequests.isEmpty)
            holder = nil
            _ = holder
            let outcome = try await waiting.value
            #expect(outcome.manifest.sha256 == file.sha256)
        }
    }

    @Test("a disk that fills up mid-download stops with a clear error and nothing else touched")
    func diskFull() async throws {
        try await withServer { server, store, file in
            // The partial is /dev/full, where every write fails with ENOSPC, as on a full disk.
            try store.store.prepare()
            let partial = store.store.partialPath(for: file.name)
            try FileManager.default.createSymbolicLink(atPath: partial, withDestinationPath: "/dev/full")
            let note = PartialNote(url: server.fileURL(file.name).absoluteString, sha256: nil, size: nil)
            try JSONEncoder().encode(note).write(to: URL(fileURLWithPath: partial + ".json"))
            do {
                _ = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(.url(server.fileURL(file.name)))
                Issue.record("no error on a full disk")
            } catch let error as FetchError {
                #expect(error.kind == .diskFull && error.message.contains("Free some space") && error.message.contains("kept"), "\(error.message)")
            }
            #expect(store.store.manifests().models.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.root + "/blobs").isEmpty)
            #expect(FileManager.default.fileExists(atPath: partial + ".json"))
        }
    }
}
