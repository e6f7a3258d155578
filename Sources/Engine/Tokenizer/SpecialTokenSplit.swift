// Cuts special-token text such as "<|im_start|>" out of the input before BPE, so it becomes its one
// token id; done as llama.cpp does: longest special token first, every occurrence, left to right.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum TextFragment: Equatable {
    /// Bytes of the input still to be tokenized.
    case text(Range<Int>)
    /// A special token found in the input.
    case token(Int32)
}

enum SpecialTokenSplit {
    /// Splits `bytes` at every occurrence of the given special tokens (tried in the order given).
    static func split(
        _ bytes: UnsafeBufferPointer<UInt8>, specials: [Int32], texts: [[UInt8]]
    ) -> [TextFragment] {
        guard !bytes.isEmpty else { return [] }
        // Which bytes and byte pairs occur at all: vocabularies with thousands of special tokens
        // (Gemma has 6,400) then search only for the few that could be present.
        var bytePresent = [Bool](repeating: false, count: 256)
        var pairPresent = [Bool](repeating: false, count: 65_536)
        for index in 0..<bytes.count {
            bytePresent[Int(bytes[index])] = true
            if index + 1 < bytes.count { pairPresent[Int(bytes[index]) << 8 | Int(bytes[index + 1])] = true }
        }
        var fragments: [TextFragment] = [.text(0..<bytes.count)]
        for special in specials {
            let needle = texts[Int(special)]
            guard !needle.isEmpty, bytePresent[Int(needle[0])] else { continue }
            if needle.count > 1 && !pairPresent[Int(needle[0]) << 8 | Int(needle[1])] { continue }
            var result: [TextFragment] = []
            result.reserveCapacity(fragments.count + 2)
            var changed = false
            for fragment in fragments {
                guard case .text(let range) = fragment else {
                    result.append(fragment)
                    continue
                }
                var start = range.lowerBound
                while let match = find(needle, in: bytes, from: start, to: range.upperBound) {
                    changed = true
                    if match > start { result.append(.text(start..<match)) }
                    result.append(.token(special))
                    start = match + needle.count
                }
                if start < range.upperBound { result.append(.text(start..<range.upperBound)) }
            }
            if changed { fragments = result }
        }
        return fragments
    }

    private static func find(
        _ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) -> Int? {
        let length = needle.count
        guard end - start >= length, let base = bytes.baseAddress else { return nil }
        let first = Int32(needle[0])
        var index = start
        let last = end - length
        while index <= last {
            // memchr finds the candidate first bytes many times faster than a byte loop.
            guard let hit = memchr(base + index, first, last - index + 1) else { return nil }
            index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var offset = 1
            while offset < length && bytes[index + offset] == needle[offset] { offset += 1 }
            if offset == length { return index }
            index += 1
        }
        return nil
    }
}
