// One HTTP request, with redirects followed by Onramp itself rather than the client library, so the
// rules are ours and visible: https only (no downgrade), at most 10 hops, and the Hugging Face token
// attached per hop only when that hop goes to the endpoint's own host.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

final class HTTPTransport: Sendable {
    static let maxRedirects = 10
    private let client: HTTPClient
    /// Used for the URLs `settings.proxy` applies to.
    private let proxied: HTTPClient?
    private let settings: FetchSettings

    init(settings: FetchSettings) {
        self.settings = settings
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(15), read: .nanoseconds(Self.nanoseconds(settings.stallTimeout))))
        configuration.decompression = .disabled
        // A failed connection fails the request at once (the client would retry until the connect
        // deadline, 15 s, to report a refused connection); ResumableDownload decides about retries.
        configuration.connectionPool.retryConnectionEstablishment = false
        if let file = settings.certificateFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(file)
            configuration.tlsConfiguration = tls
        }
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        if let rule = settings.proxy {
            switch rule.kind {
            case .httpConnect:
                let authorization = rule.user.map { HTTPClient.Authorization.basic(username: $0, password: rule.password ?? "") }
                configuration.proxy = .server(host: rule.host, port: rule.port, authorization: authorization)
            case .socks5:
                configuration.proxy = .socksServer(host: rule.host, port: rule.port)
            }
            proxied = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        } else {
            proxied = nil
        }
    }

    func shutdown() async {
        try? await client.shutdown()
        try? await proxied?.shutdown()
    }

    /// Sends `method` to `url`; when `followRedirects`, answers of 301/302/303/307/308 are followed.
    /// Returns the final response and the URL that gave it.
    func send(_ method: HTTPMethod, _ url: URL, headers extra: [(String, String)] = [], followRedirects: Bool)
        async throws -> (response: HTTPClientResponse, url: URL)
    {
        var current = url
        var hops = 0
        while true {
            try URLPolicy.check(current)
            var request = HTTPClientRequest(url: current.absoluteString)
            request.method = method
            request.headers = headers(for: current, extra)
            let response = try await route(for: current).execute(request, timeout: .hours(48))
            guard followRedirects, let next = try redirect(Int(response.status.code), response.headers, from: current, original: url, hops: &hops) else {
                return (response, current)
            }
            _ = try? await response.body.collect(upTo: 1 << 20)
            current = next
        }
    }

    private func headers(for url: URL, _ extra: [(String, String)]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: "onramp")
        for (name, value) in extra { headers.add(name: name, value: value) }
        if let token = settings.token, URLPolicy.sameOrigin(url, settings.endpoint) {
            headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        return headers
    }

    private func route(for url: URL) -> HTTPClient {
        settings.proxy?.applies(to: url) == true ? proxied ?? client : client
    }

    /// Where a redirect answer leads, or nil when `status` is not a redirect. Throws when the hop
    /// breaks a rule: more than 10, no usable Location, or from https to plain http.
    private func redirect(_ status: Int, _ headers: HTTPHeaders, from current: URL, original url: URL, hops: inout Int) throws -> URL? {
        guard [301, 302, 303, 307, 308].contains(status) else { return nil }
        hops += 1
        guard hops <= Self.maxRedirects else {
            throw FetchError(.tooManyRedirects, "The server at \(url.host ?? "?") redirected more than \(Self.maxRedirects) times, so Onramp stopped following it. The address may be wrong or the server misconfigured; try again later or use another address.")
        }
        guard let location = headers.first(name: "Location"),
            let next = URL(string: location, relativeTo: current)?.absoluteURL
        else {
            throw FetchError(.serverFailed, "The server at \(current.host ?? "?") answered with a redirect but no valid address to go to. Try again later or use another address.")
        }
        if current.scheme?.lowercased() == "https", next.scheme?.lowercased() != "https" {
            throw FetchError(.insecureURL, "The server at \(current.host ?? "?") redirected to an insecure address (\(next.absoluteString)); Onramp refused, because plain http lets anyone on the network change the file. Report it to the site, or use another address.")
        }
        return next
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
