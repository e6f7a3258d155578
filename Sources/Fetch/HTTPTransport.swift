// One HTTP request, with redirects followed by Onramp itself rather than the client library, so the
// rules are ours and visible: https only (no downgrade), at most 10 hops, and the Hugging Face token
// attached per hop only when that hop goes to the endpoint's own host.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

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
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        if let rule = settings.proxy {
            let authorization = rule.user.map { HTTPClient.Authorization.basic(username: $0, password: rule.password ?? "") }
            configuration.proxy = .server(host: rule.host, port: rule.port, authorization: authorization)
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
            request.headers.add(name: "User-Agent", value: "onramp")
            for (name, value) in extra { request.headers.add(name: name, value: value) }
            if let token = settings.token, URLPolicy.sameOrigin(current, settings.endpoint) {
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
            }
            let through = settings.proxy?.applies(to: current) == true ? proxied ?? client : client
            let response = try await through.execute(request, timeout: .hours(48))
            guard followRedirects, [301, 302, 303, 307, 308].contains(response.status.code) else {
                return (response, current)
            }
            _ = try? await response.body.collect(upTo: 1 << 20)
            hops += 1
            guard hops <= Self.maxRedirects else {
                throw FetchError(.tooManyRedirects, "The server at \(url.host ?? "?") redirected more than \(Self.maxRedirects) times, so Onramp stopped following it. The address may be wrong or the server misconfigured; try again later or use another address.")
            }
            guard let location = response.headers.first(name: "Location"),
                let next = URL(string: location, relativeTo: current)?.absoluteURL
            else {
                throw FetchError(.serverFailed, "The server at \(current.host ?? "?") answered with a redirect but no valid address to go to. Try again later or use another address.")
            }
            if current.scheme?.lowercased() == "https", next.scheme?.lowercased() != "https" {
                throw FetchError(.insecureURL, "The server at \(current.host ?? "?") redirected to an insecure address (\(next.absoluteString)); Onramp refused, because plain http lets anyone on the network change the file. Report it to the site, or use another address.")
            }
            current = next
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
