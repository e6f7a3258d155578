// Finds the token whose text is exactly some bytes, without building a string: tokens are indexed
// by a 64-bit hash of their text and every hit is confirmed byte by byte.

struct TokenTextIndex: Sendable {
    private let texts: [[UInt8]]
    private var idForHash: Hash64Table

    init(texts: [[UInt8]]) {
        self.texts = texts
        idForHash = Hash64Table(capacity: texts.count)
        for (id, text) in texts.enumerated() {
            let hash = text.withUnsafeBufferPointer { Self.hash($0) }
            idForHash.insertIfAbsent(hash, UInt64(id))
        }
    }

    /// The token with exactly this text. A token whose hash another token already has (odds near
    /// 1e-10 for 250k tokens) is not found; a wrong token is never returned.
    func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let found = idForHash.lookup(Self.hash(bytes)) else { return nil }
        let text = texts[Int(found)]
        guard text.count == bytes.count else { return nil }
        for index in 0..<text.count where text[index] != bytes[index] { return nil }
        return Int32(found)
    }

    func id(of bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBufferPointer { id(of: $0) }
    }

    /// FNV-1a, kept clear of the table's empty marker.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return min(hash, UInt64.max - 1)
    }
}
