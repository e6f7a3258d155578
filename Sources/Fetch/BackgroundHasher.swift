// SHA-256 of a download computed on a thread of its own while the next bytes arrive and are
// written: hashing runs at about the speed of a fast connection, so doing it in line with
// receiving capped downloads at a third of curl's speed. Pieces are hashed in the order given;
// at most `limit` bytes wait at once, so a slow hasher slows the download instead of filling memory.

import Crypto
import Dispatch
import Foundation
import NIOCore

final class BackgroundHasher: @unchecked Sendable {
    // `hasher` is touched only on `queue` (in order), and read by `finish` after the queue drained.
    private var hasher = SHA256()
    private let queue = DispatchQueue(label: "onramp.download.sha256")
    private let room: DispatchSemaphore
    private let slots: Int
    private static let slotBytes = 1 << 20

    /// `limit`: bytes that may wait to be hashed, in 1 MiB slots (a larger piece takes several).
    init(startingWith hasher: SHA256 = SHA256(), limit: Int = 16 << 20) {
        self.hasher = hasher
        slots = max(1, limit / Self.slotBytes)
        room = DispatchSemaphore(value: slots)
    }

    /// Queues `buffer` (shared, not copied). Blocks only while `limit` bytes are already waiting.
    func add(_ buffer: ByteBuffer) {
        let needed = min(slots, max(1, (buffer.readableBytes + Self.slotBytes - 1) / Self.slotBytes))
        for _ in 0..<needed { room.wait() }
        queue.async {
            buffer.withUnsafeReadableBytes { self.hasher.update(bufferPointer: $0) }
            for _ in 0..<needed { self.room.signal() }
        }
    }

    /// Waits for every queued piece, then returns the state (to finish, or to go on hashing).
    func drain() -> SHA256 {
        queue.sync { hasher }
    }

    /// The hex digest of everything added.
    func finish() -> String {
        drain().finalize().map { String(format: "%02x", $0) }.joined()
    }
}
