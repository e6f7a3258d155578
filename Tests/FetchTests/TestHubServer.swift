// A real HTTP server on loopback (SwiftNIO) that answers like Hugging Face — `resolve/` with
// X-Repo-Commit, X-Linked-Etag and X-Linked-Size, then a redirect to the file — serves byte ranges,
// logs every request, and injects the next queued fault on request. It listens on 127.0.0.1 and on
// 127.0.0.2, a second host for cross-host redirects, and with https on 127.0.0.1 (`tlsPort`, a
// certificate for models.test, localhost and 127.0.0.1 from `TestCertificates`).

import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

final class TestHubServer: Sendable {
    enum Fault: Sendable, Equatable {
        /// Headers for the whole answer, then only this many body bytes, then the connection closes.
        case resetAfter(Int)
        /// This many body bytes, then nothing more (the connection stays open).
        case stallAfter(Int)
        /// This many body bytes, then the connection is reset (RST, as a dropped line looks).
        case abortAfter(Int)
        /// This many body bytes, then the rest only once `release()` is called (a download held
        /// mid-way for as long as a test needs, without the client's stall timer running out).
        case holdAfter(Int)
        /// Answer 200 with the whole file even when a range was asked for.
        case ignoreRange
        /// Answer 206 with a Content-Range that starts somewhere else.
        case wrongContentRange
        case status(Int, retryAfter: String?)
        /// Serve the file with one byte changed.
        case corrupt
        /// Redirect the file request to this absolute URL.
        case redirect(String)
    }

    struct Request: Sendable {
        let host: String  // which listener: "127.0.0.1", "127.0.0.2", or "tls" (https on 127.0.0.1)
        let method: String
        let path: String
        let headers: [String: String]  // lower-cased names
    }

    struct File: Sendable {
        let repository: String
        let name: String
        let bytes: [UInt8]
        let sha256: String
    }

    static let commit = "0123456789abcdef0123456789abcdef01234567"

    private struct State {
        var files: [String: File] = [:]  // by name
        var faults: [Fault] = []
        var resolveStatus: Int?
        var log: [Request] = []
        /// Where `resolve/` redirects file downloads: "primary" or "secondary" listener.
        var filesOnSecondHost = false
        /// Set by `release()`; until then held answers wait in `held`.
        var released = false
        var held: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())
    private let channels: [Channel]
    let port: Int
    let secondPort: Int
    let tlsPort: Int

    init() async throws {
        let holder = StateBox()
        let tls = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(TestCertificates.server.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(TestCertificates.serverKey.utf8), format: .pem))))
        var bound: [Channel] = []
        for (host, label, secure) in [("127.0.0.1", "127.0.0.1", false), ("127.0.0.2", "127.0.0.2", false), ("127.0.0.1", "tls", true)] {
            let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 64)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture(withResultOf: {
                        if secure { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(RequestHandler(server: holder, host: label))
                    })
                }
            bound.append(try await bootstrap.bind(host: host, port: 0).get())
        }
        channels = bound
        port = bound[0].localAddress!.port!
        secondPort = bound[1].localAddress!.port!
        tlsPort = bound[2].localAddress!.port!
        holder.server.withLock { $0 = self }
    }

    func close() async {
        for channel in channels { try? await channel.close() }
    }

    var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }
    /// The https listener, by a name its certificate covers.
    var secureEndpoint: URL { URL(string: "https://localhost:\(tlsPort)")! }

    func add(_ file: File) { state.withLock { $0.files[file.name] = file } }
    func enqueue(_ faults: Fault...) { state.withLock { $0.faults += faults } }
    func failResolve(with status: Int?) { state.withLock { $0.resolveStatus = status } }
    func serveFilesFromSecondHost() { state.withLock { $0.filesOnSecondHost = true } }
    var log: [Request] { state.withLock { $0.log } }

    /// Sends the rest of every answer held by `.holdAfter`, and of any held from now on.
    func release() {
        let held = state.withLock { state in
            state.released = true
            defer { state.held = [] }
            return state.held
        }
        for resume in held { resume() }
    }

    /// Runs `resume` once `release()` was called (at once if it was).
    fileprivate func whenReleased(_ resume: @escaping @Sendable () -> Void) {
        let now = state.withLock { state in
            if !state.released { state.held.append(resume) }
            return state.released
        }
        if now { resume() }
    }
    var fileRequests: [Request] { log.filter { $0.path.hasPrefix("/files/") } }
    func fileURL(_ name: String) -> URL { URL(string: "http://127.0.0.1:\(port)/files/\(name)")! }

    /// How to answer one request; decided under the lock, written by the handler.
    enum Answer {
        case head(HTTPResponseStatus, [(String, String)])
        /// `length` is the Content-Length announced, which a fault may not deliver.
        case body(HTTPResponseStatus, [(String, String)], [UInt8], length: Int, then: Ending)
        enum Ending { case finish, close, stall, reset, hold(rest: [UInt8]) }
    }

    fileprivate func answer(host: String, head: HTTPRequestHead) -> Answer {
        state.withLock { state in
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name.lowercased()] = value }
            state.log.append(Request(host: host, method: "\(head.method)", path: head.uri, headers: headers))
            let parts = head.uri.split(separator: "/").map(String.init)
            // /ORG/REPO/resolve/REV/FILE
            if parts.count == 5, parts[2] == "resolve" {
                if let status = state.resolveStatus { return .head(HTTPResponseStatus(statusCode: status), []) }
                guard let file = state.files[parts[4]], file.repository == parts[0] + "/" + parts[1] else {
                    return .head(.notFound, [])
                }
                let target = state.filesOnSecondHost ? "http://127.0.0.2:\(secondPort)/files/\(file.name)" : "/files/\(file.name)"
                return .head(.found, [
                    ("Location", target), ("X-Repo-Commit", Self.commit), ("X-Linked-Etag", "\"\(file.sha256)\""),
                    ("X-Linked-Size", "\(file.bytes.count)"), ("ETag", "\"\(file.sha256)\""),
                ])
            }
            guard parts.count == 2, parts[0] == "files", let file = state.files[parts[1]] else { return .head(.notFound, []) }
            let fault = state.faults.isEmpty ? nil : state.faults.removeFirst()
            var bytes = file.bytes
            let start = headers["range"].flatMap { Self.rangeStart($0) } ?? 0
            switch fault {
            case .status(let code, let retryAfter):
                return .head(HTTPResponseStatus(statusCode: code), retryAfter.map { [("Retry-After", $0)] } ?? [])
            case .redirect(let target):
                return .head(.found, [("Location", target)])
            case .corrupt:
                bytes[bytes.count / 2] ^= 0xFF
            default:
                break
            }
            if fault == .ignoreRange || headers["range"] == nil {
                return Self.slice(bytes, from: 0, status: .ok, fault: fault)
            }
            if start >= bytes.count {
                return .head(.rangeNotSatisfiable, [("Content-Range", "bytes */\(bytes.count)")])
            }
            if fault == .wrongContentRange {
                let shifted = max(0, start - 10)
                let body = Array(bytes[shifted...])
                return .body(.partialContent, [("Content-Range", "bytes \(shifted)-\(bytes.count - 1)/\(bytes.count)")], body, length: body.count, then: .finish)
            }
            var answer = Self.slice(bytes, from: start, status: .partialContent, fault: fault)
            if case .body(let status, var headers, let body, let length, let ending) = answer {
                headers.append(("Content-Range", "bytes \(start)-\(bytes.count - 1)/\(bytes.count)"))
                answer = .body(status, headers, body, length: length, then: ending)
            }
            return answer
        }
    }

    private static func slice(_ bytes: [UInt8], from start: Int, status: HTTPResponseStatus, fault: Fault?) -> Answer {
        let body = Array(bytes[start...])
        switch fault {
        case .resetAfter(let count): return .body(status, [], Array(body.prefix(count)), length: body.count, then: .close)
        case .stallAfter(let count): return .body(status, [], Array(body.prefix(count)), length: body.count, then: .stall)
        case .abortAfter(let count): return .body(status, [], Array(body.prefix(count)), length: body.count, then: .reset)
        case .holdAfter(let count): return .body(status, [], Array(body.prefix(count)), length: body.count, then: .hold(rest: Array(body.dropFirst(count))))
        default: return .body(status, [], body, length: body.count, then: .finish)
        }
    }

    private static func rangeStart(_ header: String) -> Int? {
        guard header.hasPrefix("bytes="), header.hasSuffix("-") else { return nil }
        return Int(header.dropFirst("bytes=".count).dropLast())
    }
}

/// Lets the channel handlers reach the server, which exists only after its listeners are bound.
private final class StateBox: Sendable {
    let server = Mutex<TestHubServer?>(nil)
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: StateBox
    private let host: String
    private var head: HTTPRequestHead?

    init(server: StateBox, host: String) {
        self.server = server
        self.host = host
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head, let server = self.server.server.withLock({ $0 }) else { return }
            respond(context: context, head: head, answer: server.answer(host: host, head: head))
        }
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, answer: TestHubServer.Answer) {
        switch answer {
        case .head(let status, let headers):
            var fields = HTTPHeaders(headers)
            fields.add(name: "Content-Length", value: "0")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: fields))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .body(let status, let headers, let body, let length, let ending):
            var fields = HTTPHeaders(headers)
            fields.add(name: "Content-Length", value: "\(length)")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: fields))), promise: nil)
            if head.method == .HEAD {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            let buffer = context.channel.allocator.buffer(bytes: body)
            switch ending {
            case .finish:
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            case .stall:
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            case .hold(let rest):
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
                let loop = context.eventLoop
                self.server.server.withLock { $0 }?.whenReleased {
                    loop.execute {
                        let (context, handler) = bound.value
                        let restBuffer = context.channel.allocator.buffer(bytes: rest)
                        context.write(handler.wrapOutboundOut(.body(.byteBuffer(restBuffer))), promise: nil)
                        context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: nil)
                    }
                }
            case .close:
                let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).whenComplete { _ in
                    bound.value.close(promise: nil)
                }
            case .reset:
                // SO_LINGER 0: closing sends RST instead of FIN, so the client reads ECONNRESET.
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).whenComplete { _ in
                    let sockets = channel as? SocketOptionProvider
                    let lingering = sockets?.setSoLinger(linger(l_onoff: 1, l_linger: 0)) ?? channel.eventLoop.makeSucceededVoidFuture()
                    lingering.whenComplete { _ in channel.close(promise: nil) }
                }
            }
        }
    }
}
