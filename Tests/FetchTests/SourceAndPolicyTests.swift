// The pure decisions behind a download: parsing sources, which URLs are allowed, what to do with
// each kind of ranged answer, and how long to wait before retrying.

import Foundation
import Testing
@testable import Fetch

@Suite("Fetch: sources, URL rules, range answers and retries")
struct SourceAndPolicyTests {
    @Test("hf:// addresses give repository, path and revision, defaulting to main")
    func huggingFaceAddresses() throws {
        let plain = try HuggingFaceFile.parse("hf://HuggingFaceTB/SmolLM2-GGUF/smollm2-q8_0.gguf")
        #expect(plain == HuggingFaceFile(repository: "HuggingFaceTB/SmolLM2-GGUF", path: "smollm2-q8_0.gguf", revision: "main"))
        let pinned = try HuggingFaceFile.parse("hf://org/repo/sub/dir/model.gguf@v1.0")
        #expect(pinned.path == "sub/dir/model.gguf" && pinned.revision == "v1.0" && pinned.fileName == "model.gguf")
        let url = pinned.resolveURL(endpoint: URL(string: "https://hub.example/")!)
        #expect(url.absoluteString == "https://hub.example/org/repo/resolve/v1.0/sub/dir/model.gguf")
    }

    @Test("hf:// addresses with missing parts, '..' or URL syntax are refused with the expected form")
    func badHuggingFaceAddresses() {
        for text in ["hf://org/repo", "hf://org/../x.gguf", "hf://org/repo/a b.gguf", "hf://org/repo/x.gguf@", "hf://org/repo/x?.gguf", "hf://org//x.gguf"] {
            let error = #expect(throws: FetchError.self, "\(text)") { try HuggingFaceFile.parse(text) }
            #expect(error?.kind == .badSource && error?.message.contains("hf://ORG/REPO/FILE.gguf") == true)
        }
    }

    @Test("plain http is refused except on loopback; a name without a catalog says what to type")
    func urlRules() throws {
        #expect(try ModelSource.parse("https://example.org/m.gguf") == .url(URL(string: "https://example.org/m.gguf")!))
        #expect(try ModelSource.parse("http://127.0.0.1:8080/m.gguf").fileName == "m.gguf")
        let insecure = #expect(throws: FetchError.self) { try ModelSource.parse("http://example.org/m.gguf") }
        #expect(insecure?.kind == .insecureURL && insecure?.message.contains("only https://") == true)
        let name = #expect(throws: FetchError.self) { try ModelSource.parse("smollm2") }
        #expect(name?.kind == .badSource && name?.message.contains("hf://ORG/REPO/FILE.gguf") == true)
        let hook: ModelSource.CatalogLookup = { $0 == "tiny" ? .url(URL(string: "https://example.org/tiny.gguf")!) : nil }
        #expect(try ModelSource.parse("tiny", catalog: hook).fileName == "tiny.gguf")
    }

    @Test("the token goes only to the endpoint's exact scheme, host and port")
    func tokenScope() {
        let endpoint = URL(string: "https://huggingface.co")!
        #expect(URLPolicy.sameOrigin(URL(string: "https://huggingface.co/a/b")!, endpoint))
        #expect(URLPolicy.sameOrigin(URL(string: "https://huggingface.co:443/a")!, endpoint))
        #expect(!URLPolicy.sameOrigin(URL(string: "https://cdn-lfs.huggingface.co/a")!, endpoint))
        #expect(!URLPolicy.sameOrigin(URL(string: "https://huggingface.co:8443/a")!, endpoint))
        #expect(!URLPolicy.sameOrigin(URL(string: "http://huggingface.co/a")!, endpoint))
    }

    @Test("each ranged answer maps to one action")
    func rangeReplies() {
        func decide(_ status: Int, _ range: String? = nil, length: Int64? = nil, after: String? = nil, offset: Int64 = 100) -> RangeReply {
            RangeReply.decide(status: status, contentRange: range, contentLength: length, retryAfter: after, requestedOffset: offset)
        }
        #expect(decide(206, "bytes 100-999/1000") == .append(offset: 100, total: 1000))
        #expect(decide(206, "bytes 90-999/1000") == .discardAndRetry)  // wrong start
        #expect(decide(206, "bytes 100-999/500") == .discardAndRetry)  // impossible total
        #expect(decide(206, nil) == .discardAndRetry)
        #expect(decide(206, "bytes 0-999/1000", offset: 0) == .append(offset: 0, total: 1000))
        #expect(decide(200, length: 1000) == .startOver(total: 1000))  // range ignored
        #expect(decide(416, "bytes */100") == .alreadyComplete)
        #expect(decide(416, "bytes */5000") == .discardAndRetry)
        #expect(decide(429, after: "3") == .retryLater(retryAfter: "3"))
        #expect(decide(503) == .retryLater(retryAfter: nil))
        #expect(decide(500) == .retryLater(retryAfter: nil))
        #expect(decide(404) == .fail(status: 404))
        #expect(decide(401) == .fail(status: 401))
    }

    @Test("backoff doubles up to its cap, Retry-After wins (capped), and attempts run out")
    func retries() {
        let policy = RetryPolicy(base: .seconds(1), cap: .seconds(5), retryAfterCap: .seconds(60), maxAttempts: 5)
        #expect((1...4).map { policy.delay(failures: $0, retryAfter: nil) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(5)])
        #expect(policy.delay(failures: 5, retryAfter: nil) == nil)
        #expect(policy.delay(failures: 1, retryAfter: "7") == .seconds(7))
        #expect(policy.delay(failures: 1, retryAfter: "86400") == .seconds(60))
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:13:50 GMT", now: now) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }

    @Test("sha256 is read from quoted and weak ETags; anything else is not a sha256")
    func etags() {
        let hex = String(repeating: "ab", count: 32)
        #expect(HexDigest.sha256(fromETag: "\"\(hex)\"") == hex)
        #expect(HexDigest.sha256(fromETag: "W/\"\(hex.uppercased())\"") == hex)
        #expect(HexDigest.sha256(fromETag: "\"0123456789abcdef0123456789abcdef01234567\"") == nil)  // git sha1
        #expect(HexDigest.sha256(fromETag: nil) == nil)
    }

    @Test("manifest file names cannot leave the manifests folder; crafted digests name no blob")
    func storeNames() throws {
        #expect(ModelManifest.fileName(for: "../../etc/passwd") == "_._.._etc_passwd.json")
        #expect(!ModelManifest.fileName(for: "a/b").contains("/"))
        let store = ModelStore(root: "/tmp/x")
        #expect(throws: FetchError.self) { try store.blobPath(sha256: "../../../etc/passwd") }
        #expect(try store.blobPath(sha256: String(repeating: "0", count: 64)) == "/tmp/x/blobs/sha256-" + String(repeating: "0", count: 64))
    }

    @Test("the free-space check says how much to free, counting the margin")
    func freeSpaceMessage() {
        let error = #expect(throws: FetchError.self) {
            try FreeSpace.require(remaining: 3_000_000_000, margin: 256_000_000, available: 1_000_000_000, folder: "/models")
        }
        #expect(error?.kind == .notEnoughSpace)
        #expect(error?.message.contains("Free at least 2.3 GB") == true, "\(String(describing: error))")
        #expect(throws: Never.self) { try FreeSpace.require(remaining: 10, margin: 10, available: 100, folder: "/m") }
    }
}

@Suite("Fetch: HTTPS_PROXY and NO_PROXY")
struct ProxyRuleTests {
    @Test("HTTPS_PROXY is parsed with its credentials; NO_PROXY exempts hosts, their subdomains and loopback")
    func proxyRules() throws {
        let rule = try #require(try ProxyRule.fromEnvironment(["HTTPS_PROXY": "http://me:p%40ss@proxy.lan:3128", "NO_PROXY": "internal.org, .corp.example,10.0.0.5:8080"]))
        #expect(rule.host == "proxy.lan" && rule.port == 3128 && rule.user == "me" && rule.password == "p@ss")
        #expect(rule.applies(to: URL(string: "https://huggingface.co/x")!))
        #expect(!rule.applies(to: URL(string: "https://internal.org/x")!))
        #expect(!rule.applies(to: URL(string: "https://cdn.internal.org/x")!))
        #expect(rule.applies(to: URL(string: "https://notinternal.org/x")!))
        #expect(!rule.applies(to: URL(string: "https://a.corp.example/x")!))
        #expect(!rule.applies(to: URL(string: "https://10.0.0.5/x")!))
        #expect(!rule.applies(to: URL(string: "http://127.0.0.1:8080/x")!))
        #expect(try ProxyRule.fromEnvironment(["https_proxy": "proxy:8080"])?.port == 8080)
        #expect(try ProxyRule.fromEnvironment(["HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"])?.applies(to: URL(string: "https://a.b")!) == false)
        #expect(try ProxyRule.fromEnvironment([:]) == nil)
        #expect(rule.kind == .httpConnect)
        // ALL_PROXY when HTTPS_PROXY is not set; SOCKS5 with its default port.
        let socks = try #require(try ProxyRule.fromEnvironment(["ALL_PROXY": "socks5h://gate.lan"]))
        #expect(socks.kind == .socks5 && socks.host == "gate.lan" && socks.port == 1080)
        #expect(try ProxyRule.fromEnvironment(["ALL_PROXY": "socks5://a:1", "HTTPS_PROXY": "http://b:2"])?.host == "b")
    }
}
