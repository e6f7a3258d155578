// What a failure of the network library means, in words for people: the client and NIO report
// "NIOConnectionError…", "HTTPClientError.remoteConnectionClosed" or a BoringSSL code, which say
// nothing to someone downloading a model. Each is sorted into a kind once here; the library's own
// text is kept only as the details that `onramp pull -v` shows.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

enum NetworkFailure: Equatable, Sendable {
    /// Nothing accepts connections at that address (ECONNREFUSED).
    case refused
    /// The host name could not be looked up (DNS).
    case nameNotFound
    /// No route to the host: the network is down or the host is unreachable.
    case unreachable
    /// The connection (or its TLS handshake) did not complete in time.
    case connectTimedOut
    /// The connection was closed or reset while the file was arriving.
    case closedEarly
    /// No bytes arrived for the stall timeout.
    case stalled
    /// The TLS handshake failed; `certificate`: because the server's identity could not be verified.
    case insecure(certificate: Bool)
    /// The proxy refused to open the tunnel; `needsPassword`: it asked for credentials (407).
    case proxy(needsPassword: Bool)
    case other

    /// Sorts `error` by type; the text of unknown errors is a last resort only.
    static func classify(_ error: any Error) -> NetworkFailure {
        if let error = error as? HTTPClientError { return classify(client: error) }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return classify(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return .nameNotFound }
            return .other
        }
        if let error = error as? IOError { return classify(errno: error.errnoCode) }
        if error is SocketAddressError || error is SocketAddressError.UnknownHost { return .nameNotFound }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return .connectTimedOut
            case .eof, .ioOnClosedChannel, .alreadyClosed, .inputClosed, .outputClosed: return .closedEarly
            case .writeHostUnreachable: return .unreachable
            default: return .other
            }
        }
        if let error = error as? NIOSSLExtraError {
            return .insecure(certificate: error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch)
        }
        if let error = error as? NIOSSLError {
            switch error {
            case .handshakeFailed(let reason):
                return .insecure(certificate: "\(reason)".uppercased().contains("CERTIFICATE"))
            case .unableToValidateCertificate, .noCertificateToValidate, .cannotMatchULabel:
                return .insecure(certificate: true)
            case .uncleanShutdown:
                return .closedEarly
            default:
                return .insecure(certificate: false)
            }
        }
        if error is BoringSSLError { return .insecure(certificate: "\(error)".uppercased().contains("CERTIFICATE")) }
        let text = String(reflecting: error)
        // NIOSOCKS's errors (a SOCKS proxy that refused the tunnel or wants a login), by name:
        // Fetch does not link NIOSOCKS itself.
        if text.contains("SOCKSError") { return .proxy(needsPassword: false) }
        if text.contains("Connection refused") { return .refused }
        if text.contains("Connection reset") { return .closedEarly }
        return .other
    }

    private static func classify(client error: HTTPClientError) -> NetworkFailure {
        switch error {
        case .readTimeout: return .stalled
        case .remoteConnectionClosed, .bodyLengthMismatch, .uncleanShutdown: return .closedEarly
        case .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout: return .connectTimedOut
        case .proxyAuthenticationRequired: return .proxy(needsPassword: true)
        case .invalidProxyResponse, .httpProxyHandshakeTimeout, .socksHandshakeTimeout: return .proxy(needsPassword: false)
        default: return .other
        }
    }

    private static func classify(errno code: CInt) -> NetworkFailure {
        switch code {
        case ECONNREFUSED: return .refused
        case ECONNRESET, EPIPE, ECONNABORTED: return .closedEarly
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN: return .unreachable
        case ETIMEDOUT: return .connectTimedOut
        default: return .other
        }
    }

    /// Failures that will not go away by trying again in a few seconds: a wrong name, a refused
    /// connection or a certificate problem before any byte arrived is reported at once.
    var isLasting: Bool {
        switch self {
        case .refused, .nameNotFound, .insecure, .proxy: return true
        default: return false
        }
    }

    /// A short clause for "last: …" in a message about several attempts.
    func clause(host: String) -> String {
        switch self {
        case .refused: return "\(host) refused the connection"
        case .nameNotFound: return "the name \(host) could not be looked up"
        case .unreachable: return "\(host) could not be reached from this network"
        case .connectTimedOut: return "\(host) did not answer in time"
        case .closedEarly: return "the connection to \(host) was cut before the file was complete"
        case .stalled: return "no data arrived from \(host) for a while (a stalled connection)"
        case .insecure(let certificate):
            return certificate
                ? "the identity of \(host) could not be verified (its certificate is not trusted)"
                : "a secure connection to \(host) could not be set up"
        case .proxy(let needsPassword):
            return needsPassword ? "the proxy asked for a user name and password" : "the proxy did not open a connection to \(host)"
        case .other: return "a network error while talking to \(host)"
        }
    }

    /// What to do next, as a sentence.
    func advice(host: String) -> String {
        switch self {
        case .refused:
            return "Check the address (and HF_ENDPOINT or HTTPS_PROXY if set); if it is right, the server may be down, so try again later."
        case .nameNotFound:
            return "Check the spelling of the address and that this computer is connected to the internet."
        case .unreachable, .connectTimedOut, .closedEarly, .stalled, .other:
            return "Check the internet connection and run the same pull again; it continues where it stopped."
        case .insecure(let certificate):
            return certificate
                ? "Some networks (a company proxy, hotel or café Wi-Fi) intercept secure connections: try another network, or if your organisation gave you its certificate, set SSL_CERT_FILE to that file."
                : "Check that the address is right (an https:// address must lead to a server that speaks https) and try again later."
        case .proxy(let needsPassword):
            return needsPassword
                ? "Put the proxy's user name and password in HTTPS_PROXY, as http://USER:PASSWORD@HOST:PORT."
                : "Check HTTPS_PROXY, or add \(host) to NO_PROXY if it should be reached directly."
        }
    }

    /// The error `onramp pull` shows: what happened and what to do; the library's text as details.
    static func fetchError(_ error: any Error, url: URL) -> FetchError {
        let failure = classify(error)
        let host = (error as? NIOConnectionError)?.host ?? url.host ?? "the server"
        let clause = failure.clause(host: host)
        return FetchError(
            .networkFailed, "Could not download from \(url.host ?? host): \(clause). \(failure.advice(host: host))",
            details: String(reflecting: error))
    }
}
