// A SOCKS5 proxy on loopback (SwiftNIO, no login), as ALL_PROXY=socks5h://… names one: it logs the
// host and port each tunnel was asked for, then joins the client to `target` whatever was named, so
// a download from https://models.test really travels through it to the https test server.

import Foundation
import NIOCore
import NIOPosix
import Synchronization

final class TestSocksProxy: Sendable {
    private let log = Mutex<[String]>([])
    private let channel: Channel
    let port: Int

    init(target: SocketAddress) async throws {
        let box = SocksLogBox()
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture(withResultOf: {
                    try channel.pipeline.syncOperations.addHandler(SocksFrontHandler(target: target, log: box))
                })
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress!.port!
        box.proxy.withLock { $0 = self }
    }

    /// HOST:PORT of each CONNECT request, as the client sent it (a name when it left the lookup to us).
    var tunnels: [String] { log.withLock { $0 } }

    fileprivate func record(_ tunnel: String) { log.withLock { $0.append(tunnel) } }

    func close() async {
        try? await channel.close()
    }
}

private final class SocksLogBox: Sendable {
    let proxy = Mutex<TestSocksProxy?>(nil)
}

/// The client's side: the greeting (only "no login" is accepted), the CONNECT request (RFC 1928),
/// then bytes relayed both ways.
private final class SocksFrontHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Stage { case greeting, request, connecting, relaying(Channel) }

    private let target: SocketAddress
    private let log: SocksLogBox
    private var stage = Stage.greeting
    private var pending: [UInt8] = []

    init(target: SocketAddress, log: SocksLogBox) {
        self.target = target
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if case .relaying(let partner) = stage {
            partner.writeAndFlush(buffer, promise: nil)
            return
        }
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        advance(context: context)
    }

    private func advance(context: ChannelHandlerContext) {
        switch stage {
        case .greeting:
            // VER NMETHODS METHODS…
            guard pending.count >= 2, pending.count >= 2 + Int(pending[1]) else { return }
            let methods = pending[2..<(2 + Int(pending[1]))]
            pending.removeFirst(2 + Int(pending[1]))
            guard methods.contains(0) else {
                reply([5, 0xFF], context: context, thenClose: true)
                return
            }
            reply([5, 0], context: context, thenClose: false)
            stage = .request
            advance(context: context)
        case .request:
            // VER CMD RSV ATYP ADDR PORT
            guard pending.count >= 5 else { return }
            let addressLength: Int
            switch pending[3] {
            case 1: addressLength = 4
            case 3: addressLength = 1 + Int(pending[4])
            case 4: addressLength = 16
            default:
                reply([5, 8, 0, 1, 0, 0, 0, 0, 0, 0], context: context, thenClose: true)
                return
            }
            guard pending.count >= 4 + addressLength + 2 else { return }
            let address = Array(pending[4..<(4 + addressLength)])
            let port = Int(pending[4 + addressLength]) << 8 | Int(pending[5 + addressLength])
            let host = switch pending[3] {
            case 3: String(decoding: address.dropFirst(), as: UTF8.self)
            case 1: address.map(String.init).joined(separator: ".")
            default: "[ipv6]"
            }
            let command = pending[1]
            pending.removeFirst(4 + addressLength + 2)
            log.proxy.withLock { $0 }?.record("\(host):\(port)")
            guard command == 1 else {
                reply([5, 7, 0, 1, 0, 0, 0, 0, 0, 0], context: context, thenClose: true)
                return
            }
            stage = .connecting
            connect(context: context)
        case .connecting, .relaying:
            break
        }
    }

    private func connect(context: ChannelHandlerContext) {
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
                    handler.stage = .relaying(back)
                    handler.reply([5, 0, 0, 1, 127, 0, 0, 1, 0, 0], context: context, thenClose: false)
                    if !handler.pending.isEmpty {
                        back.writeAndFlush(back.allocator.buffer(bytes: handler.pending), promise: nil)
                        handler.pending = []
                    }
                case .failure:
                    handler.reply([5, 5, 0, 1, 0, 0, 0, 0, 0, 0], context: context, thenClose: true)
                }
            }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .relaying(let partner) = stage { partner.close(promise: nil) }
    }

    private func reply(_ bytes: [UInt8], context: ChannelHandlerContext, thenClose: Bool) {
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes))).whenComplete { _ in
            if thenClose { channel.close(promise: nil) }
        }
    }
}
