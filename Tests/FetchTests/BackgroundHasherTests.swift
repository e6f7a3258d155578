// The download's hash, computed on another thread while bytes arrive, must equal the plain
// sha256 of the same bytes whatever the piece sizes and however little may wait at once.

import Crypto
import Foundation
import NIOCore
import Testing

@testable import Fetch

@Suite("Hashing in the background")
struct BackgroundHasherTests {
    @Test("pieces of every size, with a limit smaller than one piece, hash as the whole file does",
          arguments: [1 << 20, 16 << 20])
    func sameDigest(limit: Int) {
        let bytes = TestModelFiles.gguf(size: 5_000_000, seed: 3)
        let hasher = BackgroundHasher(limit: limit)
        var offset = 0
        var size = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            hasher.add(ByteBuffer(bytes: bytes[offset..<end]))
            offset = end
            size = size * 3 % 3_000_001 + 7  // 1, 10, 37, … up to 3 MB: larger than a 1 MiB limit
        }
        #expect(hasher.finish() == TestModelFiles.sha256(bytes))
    }

    @Test("it continues a hash begun on bytes already on disk, as a resumed download does")
    func continues() {
        let bytes = TestModelFiles.gguf(size: 300_000, seed: 4)
        var start = SHA256()
        start.update(data: bytes[..<100_000])
        let hasher = BackgroundHasher(startingWith: start)
        hasher.add(ByteBuffer(bytes: bytes[100_000...]))
        #expect(hasher.finish() == TestModelFiles.sha256(bytes))
    }
}
