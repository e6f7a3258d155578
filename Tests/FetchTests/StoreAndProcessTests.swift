// The store after real pulls (list, verify, rm), and the real `onramp pull` binary killed with
// SIGKILL mid-download, then run again: it must resume from its partial and end verified.

import Foundation
import Testing
@testable import Fetch

@Suite("Fetch: the store and a killed onramp pull", .serialized)
struct StoreAndProcessTests {
    @Test("verify finds a damaged file; rm removes the name and its file")
    func verifyAndRemove() async throws {
        let server = try await TestHubServer()
        let file = TestModelFiles.file("a.gguf", size: 300_000)
        server.add(file)
        let store = try TemporaryStore()
        let manifest = try await ModelPull(settings: store.settings(endpoint: server.endpoint))
            .pull(try ModelSource.parse("hf://\(file.repository)/\(file.name)")).manifest
        await server.close()
        #expect(store.store.manifests().models == [manifest])
        #expect(try store.store.verify(manifest) == .intact)

        let blob = try store.store.blobPath(sha256: manifest.sha256)
        var bytes = file.bytes
        bytes[1000] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: blob))
        guard case .damaged(let actual, let size) = try store.store.verify(manifest) else {
            Issue.record("damage not found")
            return
        }
        #expect(actual == TestModelFiles.sha256(bytes) && size == Int64(bytes.count))

        #expect(try store.store.remove(name: "a.gguf") == Int64(file.bytes.count))
        #expect(store.store.manifests().models.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: blob))
        #expect(try store.store.verify(manifest) == .missing)
        let missing = #expect(throws: FetchError.self) { try store.store.remove(name: "a.gguf") }
        #expect(missing?.kind == .notFound && missing?.message.contains("empty") == true)
    }

    @Test("kill -9 of a real `onramp pull` mid-download, then a second run resumes and verifies")
    func killedProcessResumes() async throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let server = try await TestHubServer()
        let file = TestModelFiles.file("killed.gguf", size: 3_000_000)
        server.add(file)
        let store = try TemporaryStore()
        let source = "hf://\(file.repository)/\(file.name)"
        let environment = ["ONRAMP_HOME": store.root, "HF_ENDPOINT": server.endpoint.absoluteString, "PATH": "/usr/bin:/bin"]

        server.enqueue(.stallAfter(1_200_000))
        let first = try launch(binary, ["pull", source], environment)
        let partial = store.store.partialPath(for: file.name)
        let deadline = ContinuousClock.now + .seconds(20)
        while size(of: partial) < 1_200_000, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(size(of: partial) == 1_200_000)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        let second = try launch(binary, ["pull", source], environment)
        second.waitUntilExit()
        await server.close()
        #expect(second.terminationStatus == 0)
        #expect(server.fileRequests.map { $0.headers["range"] } == [nil, "bytes=1200000-"])
        #expect(try store.blobBytes(file.sha256) == file.bytes)
        #expect(store.store.manifest(named: file.name)?.sha256 == file.sha256)
        #expect(!FileManager.default.fileExists(atPath: partial))

        // The other store commands, as a user runs them.
        let list = try run(binary, ["list"], environment)
        #expect(list.status == 0 && list.output.contains("killed.gguf  3.0 MB  llama  \(source)"), "\(list.output)")
        let verify = try run(binary, ["verify"], environment)
        #expect(verify.status == 0 && verify.output == "ok       killed.gguf\n")
        let blob = try store.store.blobPath(sha256: file.sha256)
        try Data(file.bytes.prefix(1000)).write(to: URL(fileURLWithPath: blob))
        let damaged = try run(binary, ["verify", "killed.gguf"], environment)
        #expect(damaged.status == 1 && damaged.output.hasPrefix("damaged  killed.gguf"))
        let remove = try run(binary, ["rm", "killed.gguf"], environment)
        #expect(remove.status == 0 && remove.output == "Removed killed.gguf, freeing 3.0 MB.\n")
        #expect(try run(binary, ["pull", "http://example.org/x.gguf"], environment).status == 64)
    }

    private func run(_ binary: String, _ arguments: [String], _ environment: [String: String]) throws -> (status: Int32, output: String) {
        let result = try OnrampProcess.run(binary, arguments, environment)
        return (result.status, result.output)
    }

    private func launch(_ binary: String, _ arguments: [String], _ environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
