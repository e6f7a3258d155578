// An HTTP CONNECT proxy on loopback (SwiftNIO), as HTTPS_PROXY names in an office: it logs each
// tunnel it is asked for (the host and port, and any Proxy-Authorization), then joins the client to
// `target` whatever host was named, so a download from https://models.test really travels through
// it to the https test server. With `password` set it answers 407 to a CONNECT without them.

import Foundation
import NIOCore
import NIOPosix
import Synchronization

final class TestConnectProxy: Sendable {
    struct Tunnel: Sendable, Equatable {
        /// HOST:PORT from the CONNECT line.
        let authority: String
        let proxyAuthorization: String?
    }

    private let log = Mutex<[Tunnel]>([])
    private let channel: Channel
    let port: Int

    /// `password`: "USER:PASSWORD" the proxy insists on, as Basic credentials.
    init(target: SocketAddress, password: String? = nil) async throws {
        let box = LogBox()
        let expected = password.map { "Basic " + Data($0.utf8).base64EncodedString() }
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture(withResultOf: {
                    try channel.pipeline.syncOperations.addHandler(FrontHandler(target: target, expected: expected, log: box))
                })
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress!.port!
        box.proxy.withLock { $0 = self }
    }

    var tunnels: [Tunnel] { log.withLock { $0 } }

    fileprivate func record(_ tunnel: Tunnel) { log.withLock { $0.append(tunnel) } }

    func close() async {
        try? await channel.close()
    }
}

/// Lets the handlers reach the proxy's log, which exists only after the listener is bound.
private final class LogBox: Sendable {
    let proxy = Mutex<TestConnectProxy?>(nil)
}

/// The client's side: reads the CONNECT request, then relays bytes both ways.
private final class FrontHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let target: SocketAddress
    private let expected: String?
    private let log: LogBox
    private var request = ""
    private var partner: Channel?

    init(target: SocketAddress, expected: String?, log: LogBox) {
        self.target = target
        self.expected = expected
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if let partner {
            partner.writeAndFlush(buffer, promise: nil)
            return
        }
        request += buffer.readString(length: buffer.readableBytes) ?? ""
        guard let end = request.range(of: "\r\n\r\n") else { return }
        let lines = request[..<end.lowerBound].components(separatedBy: "\r\n")
        let words = lines[0].split(separator: " ")
        guard words.count == 3, words[0] == "CONNECT" else {
            reply("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n", context: context, thenClose: true)
            return
        }
        let authorization = lines.dropFirst().first { $0.lowercased().hasPrefix("proxy-authorization:") }
            .map { String($0.dropFirst("proxy-authorization:".count)).trimmingCharacters(in: .whitespaces) }
        log.proxy.withLock { $0 }?.record(.init(authority: String(words[1]), proxyAuthorization: authorization))
        if let expected, authorization != expected {
            reply("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n", context: context, thenClose: true)
            return
        }
        let front = context.channel
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ClientBootstrap(group: context.eventLoop)
            .channelInitializer { back in
                back.eventLoop.makeCompletedFuture(withResultOf: {
                    try back.pipeline.syncOperations.addHandler(RelayHandler(partner: front))
                })
            }
            .connect(to: target)
            .whenComplete { result in
                let (handler, context) = bound.value
                switch result {
                case .success(let back):
                    handler.partner = back
                    handler.reply("HTTP/1.1 200 Connection established\r\n\r\n", context: context, thenClose: false)
                case .failure:
                    handler.reply("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n", context: context, thenClose: true)
                }
            }
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.close(promise: nil)
    }

    private func reply(_ text: String, context: ChannelHandlerContext, thenClose: Bool) {
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text))).whenComplete { _ in
            if thenClose { channel.close(promise: nil) }
        }
    }
}

/// The target's side: bytes from the server go back to the client (also used by TestSocksProxy).
final class RelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let partner: Channel

    init(partner: Channel) {
        self.partner = partner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner.close(promise: nil)
    }
}
