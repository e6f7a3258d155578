// What a user reads when the network fails under a pull, and the https rules: real failures on
// loopback (a closed port, a reset connection, TLS against a plain server, an untrusted certificate,
// a name that cannot resolve), an https → http redirect refused, and HTTPS_PROXY / NO_PROXY through
// a real CONNECT proxy. The network library's own words never reach the message, only the details.

import Foundation
import NIOCore
import Testing
@testable import Fetch

@Suite("Fetch: network failures in plain words, https rules, proxies", .serialized)
struct NetworkFailureTests {
    /// Words from the network library that mean nothing to someone downloading a model.
    private static let libraryWords = ["NIO", "HTTPClientError", "IOError", "errno", "BoringSSL", "SSLError", "Optional("]

    private func expectPlain(_ error: FetchError, _ words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for word in words {
            #expect(error.message.contains(word), "missing '\(word)' in: \(error.message)", sourceLocation: sourceLocation)
        }
        for word in Self.libraryWords {
            #expect(!error.message.contains(word), "library text '\(word)' in: \(error.message)", sourceLocation: sourceLocation)
        }
        #expect(error.details?.isEmpty == false, "no details for -v", sourceLocation: sourceLocation)
    }

    /// Runs `pull` and returns the FetchError it must throw.
    private func failure(_ settings: FetchSettings, _ source: ModelSource, sourceLocation: SourceLocation = #_sourceLocation) async -> FetchError? {
        do {
            _ = try await ModelPull(settings: settings).pull(source)
            Issue.record("the pull succeeded", sourceLocation: sourceLocation)
        } catch let error as FetchError {
            return error
        } catch {
            Issue.record("not a FetchError: \(String(reflecting: error))", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// A port on 127.0.0.1 with nothing listening: bound by the kernel, then released.
    private func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(descriptor, $0, length) == 0, getsockname(descriptor, $0, &length) == 0 else { throw POSIXError(.EADDRINUSE) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The test authority written where SSL_CERT_FILE would point.
    private func authorityFile(in store: TemporaryStore) throws -> String {
        let path = store.root + "/test-authority.pem"
        try TestCertificates.authority.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func hf(_ file: TestHubServer.File) throws -> ModelSource {
        try ModelSource.parse("hf://\(file.repository)/\(file.name)")
    }

    @Test("a refused connection says so at once, with what to check, and nothing is kept")
    func refused() async throws {
        let store = try TemporaryStore()
        let port = try closedPort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/model.gguf"))
        let error = try #require(await failure(store.settings(endpoint: url), .url(url)))
        #expect(error.kind == .networkFailed)
        expectPlain(error, ["Could not download from 127.0.0.1: 127.0.0.1 refused the connection", "Check the address"])
        // At once: the message of the first attempt, not the one after the retries ran out (a
        // clock would measure the machine's load as much as the rule).
        #expect(!error.message.contains("times in a row"), "\(error.message)")
        // No byte arrived, so no empty partial (or its note) is left behind.
        let partial = store.store.partialPath(for: "model.gguf")
        #expect(!FileManager.default.fileExists(atPath: partial) && !FileManager.default.fileExists(atPath: partial + ".json"))
    }

    @Test("resets mid-body (RST) are retried; when they go on, the message keeps the partial and says what to do")
    func resets() async throws {
        let server = try await TestHubServer()
        let file = TestModelFiles.file("model.gguf")
        server.add(file)
        let store = try TemporaryStore()
        // One reset is resumed from the saved bytes and the file ends verified.
        server.enqueue(.abortAfter(600_000))
        let outcome = try await ModelPull(settings: store.settings(endpoint: server.endpoint)).pull(.url(server.fileURL(file.name)))
        #expect(outcome.manifest.sha256 == file.sha256 && server.fileRequests.count == 2)
        // A connection closed after some bytes (they are saved), then resets before any byte: no
        // progress twice in a row (an attempt that saves bytes starts the count again), so the pull
        // gives up in plain words. (A reset may discard bytes the client had not read yet, so the
        // bytes to keep come before a plain close.)
        let again = try TemporaryStore()
        server.enqueue(.resetAfter(100_000))
        for _ in 0..<4 { server.enqueue(.abortAfter(0)) }
        var settings = again.settings(endpoint: server.endpoint)
        settings.maxAttempts = 2
        let error = try #require(await failure(settings, .url(server.fileURL(file.name))))
        await server.close()
        #expect(error.kind == .networkFailed)
        expectPlain(error, ["was cut before the file was complete", "are kept in", "run the same pull again"])
    }

    @Test("https to a server that does not speak it fails as 'no secure connection', not as a library error")
    func tlsToPlainServer() async throws {
        let server = try await TestHubServer()
        let store = try TemporaryStore()
        let url = try #require(URL(string: "https://127.0.0.1:\(server.port)/files/model.gguf"))
        let error = try #require(await failure(store.settings(endpoint: url), .url(url)))
        await server.close()
        #expect(error.kind == .networkFailed)
        expectPlain(error, ["a secure connection to 127.0.0.1 could not be set up", "https://"])
    }

    @Test("an untrusted certificate is refused, naming SSL_CERT_FILE; with the authority in it, the same pull succeeds")
    func untrustedCertificate() async throws {
        let server = try await TestHubServer()
        let file = TestModelFiles.file("model.gguf")
        server.add(file)
        let store = try TemporaryStore()
        let error = try #require(await failure(store.settings(endpoint: server.secureEndpoint), try hf(file)))
        #expect(error.kind == .networkFailed)
        expectPlain(error, ["could not be verified", "SSL_CERT_FILE"])
        #expect(server.log.isEmpty, "a request was sent over an unverified connection")

        var trusting = store.settings(endpoint: server.secureEndpoint)
        trusting.certificateFile = try authorityFile(in: store)
        let outcome = try await ModelPull(settings: trusting).pull(try hf(file))
        await server.close()
        #expect(outcome.manifest.sha256 == file.sha256)
        #expect(server.log.allSatisfy { $0.host == "tls" } && server.log.count == 3)
    }

    @Test("SSL_CERT_FILE that cannot be read is refused before anything is fetched")
    func unreadableCertificateFile() throws {
        #expect(throws: FetchError.self) {
            _ = try FetchSettings.fromEnvironment(["HOME": "/nonexistent", "SSL_CERT_FILE": "/nonexistent/ca.pem"])
        }
        let settings = try FetchSettings.fromEnvironment(["HOME": "/nonexistent"])
        #expect(settings.certificateFile == nil)
    }

    @Test("an https download redirected to plain http is refused, and the http address is never asked")
    func downgradeRefused() async throws {
        let server = try await TestHubServer()
        let file = TestModelFiles.file("model.gguf")
        server.add(file)
        let store = try TemporaryStore()
        var settings = store.settings(endpoint: server.secureEndpoint)
        settings.certificateFile = try authorityFile(in: store)
        // Plain http on loopback is allowed on its own (tests, local mirrors): only the downgrade is refused.
        server.enqueue(.redirect("http://127.0.0.1:\(server.port)/files/\(file.name)"))
        let error = try #require(await failure(settings, try hf(file)))
        await server.close()
        #expect(error.kind == .insecureURL && error.message.contains("insecure address"), "\(error.message)")
        #expect(server.log.filter { $0.host != "tls" }.isEmpty, "\(server.log.map { "\($0.host) \($0.path)" })")
        #expect(store.store.manifests().models.isEmpty)
    }

    @Test("HTTPS_PROXY: the download goes through the proxy's tunnel to the file's host, with the proxy's credentials")
    func throughProxy() async throws {
        let server = try await TestHubServer()
        let file = TestModelFiles.file("model.gguf")
        server.add(file)
        let proxy = try await TestConnectProxy(target: try SocketAddress(ipAddress: "127.0.0.1", port: server.tlsPort), password: "ann:s3cret")
        let store = try TemporaryStore()
        var settings = store.settings(endpoint: try #require(URL(string: "https://models.test")), token: "hf_secret")
        settings.certificateFile = try authorityFile(in: store)
        settings.proxy = try ProxyRule.fromEnvironment(["HTTPS_PROXY": "http://ann:s3cret@127.0.0.1:\(proxy.port)", "NO_PROXY": "example.org,.internal"])
        let outcome = try await ModelPull(settings: settings).pull(try hf(file))
        let tunnels = proxy.tunnels
        await proxy.close()
        await server.close()
        #expect(outcome.manifest.sha256 == file.sha256 && outcome.manifest.revision == TestHubServer.commit)
        #expect(!tunnels.isEmpty && tunnels.allSatisfy { $0.authority == "models.test:443" }, "\(tunnels)")
        let credentials = "Basic " + Data("ann:s3cret".utf8).base64EncodedString()
        #expect(tunnels.allSatisfy { $0.proxyAuthorization == credentials })
        // Inside the tunnel the endpoint is still models.test, so the token goes there (and only there).
        #expect(server.log.count == 3 && server.log.allSatisfy { $0.host == "tls" && $0.headers["authorization"] == "Bearer hf_secret" })
    }

    @Test("socks5h:// in ALL_PROXY (and socks5:// in HTTPS_PROXY): the download goes through a real SOCKS5 proxy, which is given the host's name")
    func throughSocks() async throws {
        for (variable, scheme) in [("ALL_PROXY", "socks5h"), ("HTTPS_PROXY", "socks5")] {
            let server = try await TestHubServer()
            let file = TestModelFiles.file("model.gguf")
            server.add(file)
            let proxy = try await TestSocksProxy(target: try SocketAddress(ipAddress: "127.0.0.1", port: server.tlsPort))
            let store = try TemporaryStore()
            var settings = store.settings(endpoint: try #require(URL(string: "https://models.test")))
            settings.certificateFile = try authorityFile(in: store)
            settings.proxy = try ProxyRule.fromEnvironment([variable: "\(scheme)://127.0.0.1:\(proxy.port)"])
            let outcome = try await ModelPull(settings: settings).pull(try hf(file))
            let tunnels = proxy.tunnels
            await proxy.close()
            await server.close()
            #expect(outcome.manifest.sha256 == file.sha256)
            // models.test resolves nowhere, so only the proxy's tunnels can have carried the three requests.
            #expect(!tunnels.isEmpty && tunnels.allSatisfy { $0 == "models.test:443" }, "\(tunnels)")
            #expect(server.log.count == 3 && server.log.allSatisfy { $0.host == "tls" })
        }
    }

    @Test("a proxy Onramp cannot use (socks4://, a SOCKS login, not an address) is refused with what to set instead")
    func unusableProxy() throws {
        for (text, words) in [
            ("socks4://127.0.0.1:1080", ["socks4:// proxy", "socks5://HOST:PORT"]),
            ("socks5://ann:s3cret@127.0.0.1:1080", ["SOCKS proxy with a user name", "needs no password"]),
            ("http://", ["not a proxy address", "http://HOST:PORT"]),
        ] {
            let error = #expect(throws: FetchError.self) { try ProxyRule.fromEnvironment(["ALL_PROXY": text]) }
            #expect(error?.kind == .badSource)
            for word in words + ["ALL_PROXY"] { #expect(error?.message.contains(word) == true, "'\(word)' missing in \(String(describing: error))") }
            #expect(error?.message.contains("s3cret") == false)
        }
        // The command says it and stops before any connection.
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let store = try TemporaryStore()
        let result = try OnrampProcess.run(binary, ["pull", "hf://o/r/m.gguf"], ["ONRAMP_HOME": store.root, "HTTPS_PROXY": "socks4a://proxy.lan", "PATH": "/usr/bin:/bin"])
        #expect(result.status == 1 && result.errors.contains("HTTPS_PROXY names a socks4a:// proxy, which Onramp cannot use"), "\(result.errors)")
    }

    @Test("a proxy that wants a password, and none in HTTPS_PROXY, is named with how to give one")
    func proxyNeedsPassword() async throws {
        let server = try await TestHubServer()
        let proxy = try await TestConnectProxy(target: try SocketAddress(ipAddress: "127.0.0.1", port: server.tlsPort), password: "ann:s3cret")
        let store = try TemporaryStore()
        let url = try #require(URL(string: "https://models.test/files/model.gguf"))
        var settings = store.settings(endpoint: url)
        settings.proxy = try ProxyRule.fromEnvironment(["HTTPS_PROXY": "127.0.0.1:\(proxy.port)"])
        let error = try #require(await failure(settings, .url(url)))
        let tunnels = proxy.tunnels
        await proxy.close()
        await server.close()
        #expect(tunnels.first?.authority == "models.test:443" && tunnels.first?.proxyAuthorization == nil)
        #expect(error.kind == .networkFailed)
        expectPlain(error, ["user name and password", "HTTPS_PROXY"])
    }

    @Test("NO_PROXY: a listed host is not sent through the proxy; its name not resolving is said plainly")
    func noProxyAndUnknownName() async throws {
        let server = try await TestHubServer()
        let proxy = try await TestConnectProxy(target: try SocketAddress(ipAddress: "127.0.0.1", port: server.tlsPort))
        let store = try TemporaryStore()
        // .test is reserved: it never resolves, online or not, so going direct must fail at the name.
        let url = try #require(URL(string: "https://models.test/files/model.gguf"))
        var settings = store.settings(endpoint: url)
        settings.proxy = try ProxyRule.fromEnvironment(["HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)", "NO_PROXY": "example.org, .test"])
        let error = try #require(await failure(settings, .url(url)))
        let tunnels = proxy.tunnels
        await proxy.close()
        await server.close()
        #expect(tunnels.isEmpty, "went through the proxy: \(tunnels)")
        #expect(error.kind == .networkFailed)
        expectPlain(error, ["the name models.test could not be looked up", "connected to the internet"])
    }

    @Test("onramp pull words a refused connection plainly; -v adds the library's details")
    func pullCommandWords() throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let store = try TemporaryStore()
        let address = "http://127.0.0.1:\(try closedPort())/model.gguf"
        let environment = ["ONRAMP_HOME": store.root, "PATH": "/usr/bin:/bin"]
        let plain = try OnrampProcess.run(binary, ["pull", address], environment)
        #expect(plain.status == 1)
        #expect(plain.errors.contains("refused the connection") && plain.errors.contains("onramp pull -v"), "\(plain.errors)")
        for word in Self.libraryWords { #expect(!plain.errors.contains(word), "'\(word)' in: \(plain.errors)") }
        let verbose = try OnrampProcess.run(binary, ["pull", "-v", address], environment)
        #expect(verbose.status == 1)
        #expect(verbose.errors.contains("refused the connection") && verbose.errors.contains("\nDetails: "), "\(verbose.errors)")
    }
}

/// Pure sorting of library errors, for those no loopback test can provoke.
@Suite("Fetch: sorting network library errors")
struct NetworkFailureSortingTests {
    @Test("errno values and client errors map to what happened")
    func sorting() {
        #expect(NetworkFailure.classify(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == .refused)
        #expect(NetworkFailure.classify(IOError(errnoCode: ECONNRESET, reason: "read")) == .closedEarly)
        #expect(NetworkFailure.classify(IOError(errnoCode: ENETUNREACH, reason: "connect")) == .unreachable)
        #expect(NetworkFailure.classify(IOError(errnoCode: EHOSTUNREACH, reason: "connect")) == .unreachable)
        #expect(NetworkFailure.classify(ChannelError.connectTimeout(.seconds(15))) == .connectTimedOut)
        #expect(NetworkFailure.classify(CancellationError()) == .other)
        let other = NetworkFailure.fetchError(CancellationError(), url: URL(string: "https://example.org/a.gguf")!)
        #expect(other.message.contains("example.org") && other.message.contains("run the same pull again"))
    }
}
