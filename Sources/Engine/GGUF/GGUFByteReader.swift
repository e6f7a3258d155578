// Bounds-checked little-endian reads from the bytes of a GGUF file. Every read checks the
// remaining length first, so a hostile length or count fails before anything is allocated.

struct GGUFByteReader {
    let bytes: UnsafeRawBufferPointer
    let fileName: String
    private(set) var position = 0

    init(bytes: UnsafeRawBufferPointer, fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
    }

    var remaining: Int { bytes.count - position }

    mutating func integer<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws(GGUFError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw truncated(what(), needing: size) }
        let value = bytes.loadUnaligned(fromByteOffset: position, as: T.self)
        position += size
        return T(littleEndian: value)
    }

    /// A length-prefixed UTF-8 string (invalid sequences become U+FFFD, as text must stay text).
    mutating func string(_ what: @autoclosure () -> String) throws(GGUFError) -> String {
        let start = position
        let length = try integer(UInt64.self, "the length of \(what())")
        guard length <= UInt64(remaining) else {
            throw GGUFError(.countTooLarge, "\(fileName): \(what()) at byte \(ByteCountText.count(start)) is said to be \(ByteCountText.count(length)) bytes long, but only \(ByteCountText.count(remaining)) bytes of the file remain. \(GGUFError.incompleteOrDamagedAdvice)")
        }
        let end = position + Int(length)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
        position = end
        return text
    }

    /// `count` fixed-size values; the caller has checked that `count * size` bytes remain.
    mutating func integers<T: FixedWidthInteger>(_ count: Int, _: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        precondition(count >= 0 && count <= remaining / size, "array bounds are checked before reading")
        let base = position
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                buffer[index] = T(littleEndian: bytes.loadUnaligned(fromByteOffset: base + index * size, as: T.self))
            }
            initialized = count
        }
        position += count * size
        return values
    }

    mutating func skip(to offset: Int) {
        position = offset
    }

    func truncated(_ what: String, needing: Int) -> GGUFError {
        GGUFError(.truncated, "\(fileName) ends too soon: reading \(what) at byte \(ByteCountText.count(position)) needs \(needing) more bytes, but the file is only \(ByteCountText.count(bytes.count)) bytes long. \(GGUFError.incompleteAdvice)")
    }
}
