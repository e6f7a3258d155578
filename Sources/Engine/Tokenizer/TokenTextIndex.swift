// Finds the token whose text is exactly some bytes, without building a string: tokens are indexed
// by a 64-bit hash of their text and every hit is confirmed byte by byte.

struct TokenTextIndex: Sendable {
    private let texts: [[UInt8]]
    private var idForHash: Hash64Table
    /// Tokens whose hash another token already has (practically never): looked up by their bytes.
    private var collided: [[UInt8]: Int32] = [:]

    /// Indexes `texts` by id; throws when two tokens have the same text.
    init(texts: [[UInt8]]) throws {
        self.texts = texts
        idForHash = Hash64Table(capacity: texts.count)
        for (id, text) in texts.enumerated() {
            let hash = text.withUnsafeBufferPointer { Self.hash($0) }
            if idForHash.insertIfAbsent(hash, UInt64(id)) { continue }
            let earlier = Int(idForHash.lookup(hash) ?? 0)
            if texts[earlier] == text || collided[text] != nil {
                let first = texts[earlier] == text ? earlier : Int(collided[text] ?? 0)
                throw TokenizerError.duplicateToken(
                    text: String(decoding: text, as: UTF8.self), firstID: first, secondID: id)
            }
            collided[text] = Int32(id)
        }
    }

    /// The token with exactly this text, if any.
    func id(of bytes: UnsafeBufferPointer<UInt8>) -> TokenID? {
        if let found = idForHash.lookup(Self.hash(bytes)) {
            let text = texts[Int(found)]
            if text.count == bytes.count && text.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) {
                return Int32(found)
            }
        }
        return collided.isEmpty ? nil : collided[Array(bytes)]
    }

    func id(of bytes: [UInt8]) -> TokenID? {
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
