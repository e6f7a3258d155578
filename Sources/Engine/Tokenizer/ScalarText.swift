// A piece of UTF-8 text seen as code points with their character classes and byte offsets,
// which is what pre-tokenizers split; pieces are ranges of code point positions.

struct ScalarText {
    /// Code point values.
    var scalars: [UInt32] = []
    var classes: [CharacterClass] = []
    /// `byteOffsets[i]` is where code point `i` starts in the UTF-8 bytes; one extra entry marks the end.
    var byteOffsets: [Int] = []

    var count: Int { scalars.count }

    /// Decodes `bytes` (valid UTF-8, as every Swift string is) into code points.
    mutating func load(_ bytes: UnsafeBufferPointer<UInt8>) {
        scalars.removeAll(keepingCapacity: true)
        classes.removeAll(keepingCapacity: true)
        byteOffsets.removeAll(keepingCapacity: true)
        var index = 0
        let end = bytes.count
        while index < end {
            let lead = bytes[index]
            var value = UInt32(lead)
            var length = 1
            if lead >= 0xF0 {
                length = 4
                value &= 0x07
            } else if lead >= 0xE0 {
                length = 3
                value &= 0x0F
            } else if lead >= 0xC0 {
                length = 2
                value &= 0x1F
            }
            // Swift strings are valid UTF-8; a cut-off sequence could only come from a caller's
            // mistake, and is then read as U+FFFD like llama.cpp does, never past the end.
            if index + length > end {
                value = 0xFFFD
                length = end - index
            } else {
                for offset in 1..<length {
                    value = (value << 6) | UInt32(bytes[index + offset] & 0x3F)
                }
            }
            byteOffsets.append(index)
            scalars.append(value)
            classes.append(value < 0x80 ? Self.asciiClasses[Int(value)] : CharacterClass.of(value))
            index += length
        }
        byteOffsets.append(end)
    }

    private static let asciiClasses: [CharacterClass] = (0..<128).map { CharacterClass.of(UInt32($0)) }

    /// The class at `position`, or no class outside `chunk` (what llama.cpp's splitters see past a chunk's end).
    @inline(__always)
    func classAt(_ position: Int, in chunk: Range<Int>) -> CharacterClass {
        chunk.contains(position) ? classes[position] : []
    }

    /// The code point at `position`, or nil outside `chunk`.
    @inline(__always)
    func scalarAt(_ position: Int, in chunk: Range<Int>) -> UInt32? {
        chunk.contains(position) ? scalars[position] : nil
    }
}

/// Collects consecutive pieces by their end positions, skipping empty ones.
struct PieceEnds {
    var ends: [Int] = []
    private(set) var previousEnd = 0

    mutating func start(at position: Int) {
        previousEnd = position
    }

    /// Ends the current piece at `end`; returns its length.
    @discardableResult
    mutating func add(_ end: Int) -> Int {
        let length = end - previousEnd
        if length > 0 {
            ends.append(end)
        }
        previousEnd = end
        return length
    }
}
