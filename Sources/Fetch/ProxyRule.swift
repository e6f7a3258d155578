// HTTPS_PROXY / NO_PROXY, read by Onramp because async-http-client reads no proxy variables.
// Decides per URL whether the request goes through the proxy (loopback never does).

import Foundation

struct ProxyRule: Equatable, Sendable {
    let host: String
    let port: Int
    let user: String?
    let password: String?
    /// NO_PROXY entries, lower-cased, leading dots removed; "*" means no proxy at all.
    let exceptions: [String]

    static func fromEnvironment(_ environment: [String: String]) -> ProxyRule? {
        guard let text = environment["HTTPS_PROXY"] ?? environment["https_proxy"], !text.isEmpty else { return nil }
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let url = URL(string: withScheme), let host = url.host, !host.isEmpty else { return nil }
        let noProxy = environment["NO_PROXY"] ?? environment["no_proxy"] ?? ""
        let exceptions = noProxy.split(separator: ",").map {
            var entry = $0.trimmingCharacters(in: .whitespaces).lowercased()
            while entry.hasPrefix(".") { entry.removeFirst() }
            return entry
        }.filter { !$0.isEmpty }
        return ProxyRule(
            host: host, port: url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80),
            user: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding, exceptions: exceptions)
    }

    /// "example.org" in NO_PROXY covers example.org and its subdomains; a port in an entry is ignored.
    func applies(to url: URL) -> Bool {
        guard let host = url.host?.lowercased(), !URLPolicy.isLoopback(url) else { return false }
        for entry in exceptions {
            if entry == "*" { return false }
            let name = entry.split(separator: ":").first.map(String.init) ?? entry
            if host == name || host.hasSuffix("." + name) { return false }
        }
        return true
    }
}
