// HTTPS_PROXY (else ALL_PROXY) / NO_PROXY, read by Onramp because async-http-client reads no proxy
// variables. Decides per URL whether the request goes through the proxy (loopback never does).
// http:// proxies get a CONNECT tunnel; socks5:// and socks5h:// a SOCKS5 one, which is given the
// host's name to look up (as socks5h does: the proxy's network may be the only one that can).

import Foundation

struct ProxyRule: Equatable, Sendable {
    enum Kind: Equatable, Sendable { case httpConnect, socks5 }

    let kind: Kind
    let host: String
    let port: Int
    let user: String?
    let password: String?
    /// NO_PROXY entries, lower-cased, leading dots removed; "*" means no proxy at all.
    let exceptions: [String]

    static func fromEnvironment(_ environment: [String: String]) throws(FetchError) -> ProxyRule? {
        let names = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
        guard let name = names.first(where: { !(environment[$0] ?? "").isEmpty }), let text = environment[name] else { return nil }
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let url = URL(string: withScheme), let host = url.host, !host.isEmpty else {
            throw FetchError(.badSource, "\(name) is set to '\(Self.redacted(text))', which is not a proxy address. Set it to http://HOST:PORT or socks5://HOST:PORT, or unset it.")
        }
        let scheme = url.scheme?.lowercased() ?? "http"
        let kind: Kind
        switch scheme {
        case "http", "https": kind = .httpConnect
        case "socks5", "socks5h":
            kind = .socks5
            guard url.user == nil else {
                throw FetchError(.badSource, "\(name) names a SOCKS proxy with a user name, which Onramp cannot log in to (it speaks SOCKS5 without a password). Use a SOCKS proxy that needs no password, or an http:// proxy with USER:PASSWORD@.")
            }
        default:
            throw FetchError(.badSource, "\(name) names a \(scheme):// proxy, which Onramp cannot use. It uses http://HOST:PORT (a CONNECT proxy) or socks5://HOST:PORT and socks5h://HOST:PORT; change \(name), or unset it to connect directly.")
        }
        let noProxy = environment["NO_PROXY"] ?? environment["no_proxy"] ?? ""
        let exceptions = noProxy.split(separator: ",").map {
            var entry = $0.trimmingCharacters(in: .whitespaces).lowercased()
            while entry.hasPrefix(".") { entry.removeFirst() }
            return entry
        }.filter { !$0.isEmpty }
        let defaultPort = switch scheme {
        case "https": 443
        case "socks5", "socks5h": 1080
        default: 80
        }
        return ProxyRule(
            kind: kind, host: host, port: url.port ?? defaultPort,
            user: url.user?.removingPercentEncoding, password: url.password?.removingPercentEncoding, exceptions: exceptions)
    }

    /// The variable's text without a password, for messages.
    private static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        return String(text[..<start]) + "…" + String(text[at...])
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
