// Everything a download depends on besides the file itself: where the store is, the Hugging Face
// endpoint and token, and how patient to be. Read from the environment once; tests build their own.

import Foundation

public struct FetchSettings: Sendable {
    public var storeRoot: String
    public var endpoint: URL
    /// Sent as `Authorization: Bearer …`, only to `endpoint`'s host.
    public var token: String?
    /// No bytes for this long means the connection is stuck: drop it and resume.
    public var stallTimeout: Duration = .seconds(30)
    /// Attempts in a row that make no progress before giving up.
    public var maxAttempts = 6
    /// Backoff after a failure: `backoffBase * 2^n`, at most `backoffCap`.
    public var backoffBase: Duration = .seconds(1)
    public var backoffCap: Duration = .seconds(30)
    /// A server's `Retry-After` is honoured up to this long.
    public var retryAfterCap: Duration = .seconds(120)
    /// Kept free beyond the file itself, so the disk is not filled to the last byte.
    public var freeSpaceMargin: Int64 = 256 << 20
    /// From HTTPS_PROXY (or ALL_PROXY) / NO_PROXY.
    var proxy: ProxyRule?
    /// SSL_CERT_FILE: the certificate authorities to trust instead of the system's, as OpenSSL and
    /// curl read it (networks that inspect https give their users such a file).
    public var certificateFile: String?
    /// Bytes the user may still write where the store is (statvfs); replaced in tests.
    public var freeSpace: @Sendable (String) -> Int64? = FreeSpace.available

    public init(storeRoot: String, endpoint: URL, token: String?) {
        self.storeRoot = storeRoot
        self.endpoint = endpoint
        self.token = token
    }

    /// `$ONRAMP_HOME`, else `$XDG_DATA_HOME/onramp/models`, else `~/.local/share/onramp/models`;
    /// `HF_ENDPOINT` (default https://huggingface.co) and `HF_TOKEN`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(FetchError) -> FetchSettings
    {
        let root: String
        if let home = environment["ONRAMP_HOME"], !home.isEmpty {
            root = home
        } else if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            root = data + "/onramp/models"
        } else {
            root = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/onramp/models"
        }
        let endpointText = environment["HF_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://huggingface.co"
        guard let endpoint = URL(string: endpointText), endpoint.host != nil else {
            throw FetchError(.badSource, "HF_ENDPOINT is set to '\(endpointText)', which is not a URL. Set it to an address such as https://huggingface.co, or unset it.")
        }
        try URLPolicy.check(endpoint)
        let token = environment["HF_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        var settings = FetchSettings(storeRoot: root, endpoint: endpoint, token: token)
        settings.proxy = try ProxyRule.fromEnvironment(environment)
        if let file = environment["SSL_CERT_FILE"], !file.isEmpty {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw FetchError(.badSource, "SSL_CERT_FILE is set to '\(file)', which cannot be read. Point it to a readable file of PEM certificates, or unset it to use the system's.")
            }
            settings.certificateFile = file
        }
        return settings
    }
}
