// Other programs' models: real folder trees laid out as Ollama, the Hugging Face cache, LM Studio,
// llama.cpp's cache and GPT4All keep them, built in a temporary home with small real GGUF files;
// then imports that must link (never copy) and must refuse a file that does not match its digest.

import Foundation
import Testing

@testable import Fetch

@Suite("Finding and importing other programs' models")
struct DiscoveryTests {
    /// A temporary home with each program's layout; removed when the value goes away.
    final class FakeHome {
        let root = NSTemporaryDirectory() + "onramp-discovery-" + UUID().uuidString
        let ollamaFile = TestModelFiles.gguf(size: 300_000, seed: 11)
        let hubFile = TestModelFiles.gguf(size: 200_000, seed: 12)
        let studioFile = TestModelFiles.gguf(size: 100_000, seed: 13)
        let llamaCppFile = TestModelFiles.gguf(size: 120_000, seed: 14)

        init() throws {
            let ollama = root + "/.ollama/models"
            let digest = TestModelFiles.sha256(ollamaFile)
            try write(ollamaFile, at: ollama + "/blobs/sha256-" + digest)
            try write(Array("{\"model_format\":\"gguf\"}".utf8), at: ollama + "/blobs/sha256-" + String(repeating: "c", count: 64))
            try write(manifest(model: digest), at: ollama + "/manifests/registry.ollama.ai/library/tinyllama/1b")
            try write(manifest(model: digest), at: ollama + "/manifests/example.org/someone/tiny/latest")
            // A crafted manifest whose digest climbs out of the blob folder.
            try write(Array("{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:../../../../etc/passwd\"}]}".utf8),
                      at: ollama + "/manifests/registry.ollama.ai/library/evil/latest")
            // An embedding adapter or other manifest without a model layer is not a model.
            try write(Array("{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.license\",\"digest\":\"sha256:\(String(repeating: "c", count: 64))\"}]}".utf8),
                      at: ollama + "/manifests/registry.ollama.ai/library/license-only/latest")

            // Hugging Face: snapshots link to blobs named by the file's sha256.
            let repository = root + "/.cache/huggingface/hub/models--test-org--Tiny-GGUF"
            let hubDigest = TestModelFiles.sha256(hubFile)
            try write(hubFile, at: repository + "/blobs/" + hubDigest)
            try FileManager.default.createDirectory(atPath: repository + "/snapshots/abc123", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: repository + "/snapshots/abc123/tiny-q4.gguf", withDestinationPath: "../../blobs/" + hubDigest)
            try write(Array("main".utf8), at: repository + "/refs/main")

            try write(studioFile, at: root + "/.lmstudio/models/lmstudio-community/Tiny-GGUF/tiny-Q8_0.gguf")
            try write(llamaCppFile, at: root + "/.cache/llama.cpp/test-org_Tiny-GGUF_tiny-f16.gguf")
            // A saved web page with a .gguf name.
            try write(Array("<!doctype html><html><body>Not found</body></html>".utf8), at: root + "/Downloads/model.gguf")
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func write(_ bytes: [UInt8], at path: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }

        func manifest(model digest: String) -> [UInt8] {
            let text = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:\(String(repeating: "c", count: 64))","size":23},
                 "layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:\(digest)","size":300000},
                           {"mediaType":"application/vnd.ollama.image.template","digest":"sha256:\(String(repeating: "c", count: 64))","size":23}]}
                """
            return Array(text.utf8)
        }

        var discovery: ModelDiscovery { ModelDiscovery(home: root, environment: ["HOME": root]) }
    }

    @Test("each program's layout is read: names as the program shows them, the file, its architecture")
    func findsEveryLayout() throws {
        let home = try FakeHome()
        let found = home.discovery.scan()
        let byName = Dictionary(found.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let ollama = try #require(byName["tinyllama:1b"])
        #expect(ollama.tool == .ollama && ollama.architecture == "llama" && ollama.problem == nil)
        #expect(ollama.expectedSHA256 == TestModelFiles.sha256(home.ollamaFile))
        #expect(ollama.sizeBytes == 300_000)
        #expect(ollama.path.hasSuffix("/blobs/sha256-" + TestModelFiles.sha256(home.ollamaFile)))
        let hub = try #require(byName["test-org/Tiny-GGUF/tiny-q4.gguf"])
        #expect(hub.tool == .huggingFace && hub.expectedSHA256 == TestModelFiles.sha256(home.hubFile))
        #expect(hub.path.contains("/blobs/"))  // the link is followed to the blob
        #expect(byName["lmstudio-community/Tiny-GGUF/tiny-Q8_0.gguf"]?.tool == .lmStudio)
        #expect(byName["test-org_Tiny-GGUF_tiny-f16.gguf"]?.tool == .llamaCpp)
        // A second Ollama name for the same blob, from another registry, is listed under its own name.
        #expect(byName["example.org/someone/tiny:latest"]?.path == ollama.path)
        #expect(byName["license-only:latest"] == nil)
    }

    @Test("a manifest whose digest is not sha256 + 64 hex is listed as unusable and names nothing outside the blobs")
    func craftedDigestRefused() throws {
        let home = try FakeHome()
        let evil = try #require(home.discovery.scan().first { $0.name == "evil:latest" })
        #expect(evil.problem?.contains("'sha256:../../../../etc/passwd', which is not a sha256 digest") == true)
        #expect(evil.expectedSHA256 == nil && evil.architecture == nil)
        #expect(throws: OllamaManifest.Problem.badDigest("sha256:ABC")) {
            try OllamaManifest.parse(Data("{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:ABC\"}]}".utf8))
        }
    }

    @Test("a file that is not GGUF is listed with the engine's reason")
    func notGGUF() throws {
        let home = try FakeHome()
        let page = try #require(home.discovery.scan().first { $0.tool == .downloads })
        #expect(page.name == "model.gguf")
        #expect(page.problem?.contains("web page") == true, "\(page.problem ?? "")")
    }

    @Test("OLLAMA_MODELS, HF_HUB_CACHE, HF_HOME and LLAMA_CACHE move the folders as they do for those programs")
    func environmentFolders() {
        let env = ["OLLAMA_MODELS": "/m/ollama", "HF_HOME": "/m/hf", "LLAMA_CACHE": "/m/llama", "XDG_DATA_HOME": "/m/data"]
        #expect(OtherTool.ollama.folders(home: "/h", environment: env).first == "/m/ollama")
        #expect(OtherTool.ollama.folders(home: "/h", environment: [:]) == ["/h/.ollama/models", "/usr/share/ollama/.ollama/models"])
        #expect(OtherTool.huggingFace.folders(home: "/h", environment: env) == ["/m/hf/hub"])
        #expect(OtherTool.huggingFace.folders(home: "/h", environment: ["HF_HUB_CACHE": "/c", "HF_HOME": "/m/hf"]) == ["/c"])
        #expect(OtherTool.huggingFace.folders(home: "/h", environment: [:]) == ["/h/.cache/huggingface/hub"])
        #expect(OtherTool.llamaCpp.folders(home: "/h", environment: env) == ["/m/llama"])
        #expect(OtherTool.gpt4all.folders(home: "/h", environment: env) == ["/m/data/nomic.ai/GPT4All"])
    }

    @Test("import hard-links the file into the store: same inode, no second copy, verified")
    func importLinks() throws {
        let home = try FakeHome()
        let store = try TemporaryStore()
        let ollama = try #require(home.discovery.scan().first { $0.name == "tinyllama:1b" })
        let (manifest, placement) = try ModelImport(store: store.store).importFile(
            path: ollama.path, name: ollama.name, source: "ollama:tinyllama:1b", expectedSHA256: ollama.expectedSHA256)
        #expect(placement == .hardLink)
        #expect(manifest.sha256 == TestModelFiles.sha256(home.ollamaFile) && manifest.size == 300_000)
        #expect(manifest.architecture == "llama")
        let blob = try store.store.blobPath(sha256: manifest.sha256)
        #expect(try inode(blob) == inode(ollama.path))
        #expect(try store.store.verify(manifest) == .intact)
        #expect(store.store.manifest(named: "tinyllama:1b") == manifest)
        // Removing it from Onramp leaves Ollama's file alone.
        try store.store.remove(name: "tinyllama:1b")
        #expect(FileManager.default.fileExists(atPath: ollama.path))
        #expect(!FileManager.default.fileExists(atPath: blob))
    }

    @Test("a file that does not match its program's digest is refused and nothing is stored")
    func importRefusesMismatch() throws {
        let home = try FakeHome()
        let store = try TemporaryStore()
        let ollama = try #require(home.discovery.scan().first { $0.name == "tinyllama:1b" })
        // One byte changed after Ollama downloaded it.
        var bytes = home.ollamaFile
        bytes[250_000] ^= 0xFF
        try home.write(bytes, at: ollama.path)
        let error = #expect(throws: FetchError.self) {
            try ModelImport(store: store.store).importFile(
                path: ollama.path, name: ollama.name, source: "ollama", expectedSHA256: ollama.expectedSHA256)
        }
        #expect(error?.kind == .checksumMismatch && error?.message.contains("Nothing was imported") == true)
        #expect(store.store.manifests().models.isEmpty)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: store.root + "/blobs")) ?? [] == [])
    }

    @Test("a file that is not GGUF is refused with the engine's reason")
    func importRefusesNotGGUF() throws {
        let home = try FakeHome()
        let store = try TemporaryStore()
        let error = #expect(throws: FetchError.self) {
            try ModelImport(store: store.store).importFile(path: home.root + "/Downloads/model.gguf", name: "page", source: "x", expectedSHA256: nil)
        }
        #expect(error?.kind == .notGGUF && error?.message.contains("Nothing was imported") == true)
    }

    @Test("on another file system the store keeps a reference to the file instead of a copy")
    func importReferencesAcrossFileSystems() throws {
        let other = "/dev/shm"
        let store = try TemporaryStore()
        try #require(try inodeDevice(other) != inodeDevice(store.root), "/dev/shm is on the same file system as \(store.root) here")
        let path = other + "/onramp-import-" + UUID().uuidString + ".gguf"
        let bytes = TestModelFiles.gguf(size: 50_000, seed: 21)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (manifest, placement) = try ModelImport(store: store.store).importFile(path: path, name: "shm", source: path, expectedSHA256: nil)
        #expect(placement == .reference)
        let blob = try store.store.blobPath(sha256: manifest.sha256)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: blob) == path)
        #expect(try store.store.verify(manifest) == .intact)
    }

    @Test("onramp list shows what other programs downloaded; onramp import links one into the store")
    func listAndImportCommands() throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let home = try FakeHome()
        let store = try TemporaryStore()
        let environment = ["HOME": home.root, "ONRAMP_HOME": store.root, "PATH": "/usr/bin:/bin"]
        let digest = TestModelFiles.sha256(home.ollamaFile)

        let before = try OnrampProcess.run(binary, ["list"], environment)
        #expect(before.status == 0, "\(before.errors)")
        #expect(before.output.contains("Found on this computer (onramp import NAME uses one without copying it):"))
        #expect(before.output.contains("tinyllama:1b  300.0 kB  llama  Ollama  ~/.ollama/models/blobs/sha256-\(digest)\n"), "\(before.output)")
        #expect(before.output.contains("test-org/Tiny-GGUF/tiny-q4.gguf  200.0 kB  llama  Hugging Face cache  ~/.cache/huggingface/hub/models--test-org--Tiny-GGUF/blobs/"))
        #expect(before.output.contains("evil:latest  "))
        #expect(before.output.contains("not usable: its manifest names the file 'sha256:../../../../etc/passwd'"))

        let imported = try OnrampProcess.run(binary, ["import", "tinyllama:1b"], environment)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output == "Imported tinyllama:1b (300.0 kB, sha256 \(digest)): linked, no copy made.\n")
        let after = try OnrampProcess.run(binary, ["list"], environment)
        #expect(after.output.hasPrefix("tinyllama:1b  300.0 kB  llama  ollama:tinyllama:1b\n"), "\(after.output)")
        // Now in the store, so no longer offered, under either of its Ollama names.
        #expect(!after.output.contains("tinyllama:1b  300.0 kB  llama  Ollama") && !after.output.contains("example.org/someone/tiny"))
        #expect(try OnrampProcess.run(binary, ["verify"], environment).output == "ok       tinyllama:1b\n")

        let unknown = try OnrampProcess.run(binary, ["import", "tinyllama:2b"], environment)
        #expect(unknown.status == 1 && unknown.errors.contains("Models found on this computer: "), "\(unknown.errors)")
        let evil = try OnrampProcess.run(binary, ["import", "evil:latest"], environment)
        #expect(evil.status == 1 && evil.errors.contains("cannot be used"), "\(evil.errors)")
    }

    private func inode(_ path: String) throws -> UInt64 {
        var info = stat()
        try #require(stat(path, &info) == 0)
        return UInt64(info.st_ino)
    }

    private func inodeDevice(_ path: String) throws -> UInt64 {
        var info = stat()
        try #require(stat(path, &info) == 0)
        return UInt64(info.st_dev)
    }
}
