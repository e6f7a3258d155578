// Turns tokens into printable text as they are generated. A character such as "é" or "😀" can be
// split across tokens; its first bytes are held back until the rest arrives, so output is never garbled.

struct StreamingTextDecoder: Sendable {
    private let tokenizer: any Tokenizer
    private let showsSpecialTokens: Bool
    private var pending: [UInt8] = []

    /// - Parameter showsSpecialTokens: write control tokens such as `<|im_end|>` out; by default they are hidden.
    init(tokenizer: any Tokenizer, showsSpecialTokens: Bool = false) {
        self.tokenizer = tokenizer
        self.showsSpecialTokens = showsSpecialTokens
    }

    /// The text that `id` completes: every whole character so far, holding back an unfinished one.
    mutating func append(_ id: TokenID) -> String {
        if !showsSpecialTokens && tokenizer.isControl(id) {
            return ""
        }
        pending.append(contentsOf: tokenizer.pieceBytes(id))
        let complete = Self.completePrefixLength(pending)
        guard complete > 0 else { return "" }
        let text = String(decoding: pending[..<complete], as: UTF8.self)
        pending.removeFirst(complete)
        return text
    }

    /// Whatever is still held back, with an unfinished character shown as U+FFFD; call when generation ends.
    mutating func flush() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// How many leading bytes can be printed now: all of them, unless the end is the start of a
    /// character that more bytes could still complete. Bytes that can never become valid are let
    /// through (they print as U+FFFD) instead of blocking the stream.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        let count = bytes.count
        // A UTF-8 character is at most 4 bytes, so only the last 3 can be an unfinished one.
        var start = count - 1
        while start >= 0 && start >= count - 3 {
            let byte = bytes[start]
            if byte & 0xC0 != 0x80 {
                // `byte` leads a sequence; is it cut off?
                let needed: Int
                switch byte {
                case 0xC2...0xDF: needed = 2
                case 0xE0...0xEF: needed = 3
                case 0xF0...0xF4: needed = 4
                default: return count
                }
                let have = count - start
                guard have < needed else { return count }
                return isValidPrefix(bytes[start...]) ? start : count
            }
            start -= 1
        }
        return count
    }

    /// Whether the bytes are the beginning of some valid UTF-8 character (second-byte limits included).
    private static func isValidPrefix(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        let lead = bytes[index]
        index += 1
        for position in 1..<bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte & 0xC0 == 0x80 else { return false }
            if position == 1 {
                if lead == 0xE0 && byte < 0xA0 { return false }
                if lead == 0xED && byte > 0x9F { return false }
                if lead == 0xF0 && byte < 0x90 { return false }
                if lead == 0xF4 && byte > 0x8F { return false }
            }
        }
        return true
    }
}
