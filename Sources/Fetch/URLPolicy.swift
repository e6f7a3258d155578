// Which addresses Onramp fetches from: https everywhere, plain http only on this machine's own
// loopback (tests and local mirrors), and which hosts may see the Hugging Face token.

import Foundation

public enum URLPolicy {
    public static func check(_ url: URL) throws(FetchError) {
        let scheme = url.scheme?.lowercased() ?? ""
        if scheme == "https" { return }
        if scheme == "http", isLoopback(url) { return }
        throw FetchError(
            .insecureURL,
            """
            Onramp will not download from '\(url.absoluteString)': only https:// addresses are allowed \
            (plain http lets anyone on the network change the file). Use the https:// address of the same file.
            """)
    }

    public static func isLoopback(_ url: URL) -> Bool {
        guard let host = url.host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The token goes only to the exact host (and port) of the Hugging Face endpoint.
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && effectivePort(a) == effectivePort(b)
    }

    private static func effectivePort(_ url: URL) -> Int {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
    }
}
