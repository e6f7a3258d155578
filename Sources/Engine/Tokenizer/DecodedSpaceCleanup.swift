// llama.cpp's `clean_up_tokenization_spaces` for decoded text: drops the space before ". , ! ?",
// around a lone apostrophe, and before "'s 'm 're 've". Only some pre-tokenizers ask for it.

enum DecodedSpaceCleanup {
    static func clean(_ text: [UInt8]) -> [UInt8] {
        let punctuationCleaned = removingSpace(from: text) { text, index in
            let byte = text[index]
            return byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")
        }
        return removingSpace(from: withoutSpacesAroundLoneApostrophes(punctuationCleaned)) { text, index in
            // " 's" and " 'm", " 're" and " 've" lose the space; " 't", " 'd" and " 'll" keep it.
            guard text[index] == apostrophe, index + 1 < text.count else { return false }
            let next = text[index + 1]
            if next == UInt8(ascii: "s") || next == UInt8(ascii: "m") { return true }
            guard next != UInt8(ascii: "t") && next != UInt8(ascii: "d") && index + 2 < text.count else { return false }
            return (next == UInt8(ascii: "r") || next == UInt8(ascii: "v")) && text[index + 2] == UInt8(ascii: "e")
        }
    }

    private static let space = UInt8(ascii: " ")
    private static let apostrophe = UInt8(ascii: "'")

    /// Drops each space that directly precedes a position where `follows` holds (judged on the input).
    private static func removingSpace(from text: [UInt8], where follows: ([UInt8], Int) -> Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        for index in text.indices {
            if index > 0 && text[index - 1] == space && follows(text, index) {
                out.removeLast()
            }
            out.append(text[index])
        }
        return out
    }

    /// " ' " becomes "'". The space after is consumed, so it cannot start another " ' ".
    private static func withoutSpacesAroundLoneApostrophes(_ text: [UInt8]) -> [UInt8] {
        var input = text
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if index > 0 && byte == apostrophe && index + 1 < input.count && input[index - 1] == space && input[index + 1] == space {
                out.removeLast()
                // llama.cpp overwrites the following space with NUL in place; the next look-behind sees that.
                input[index + 1] = 0
                index += 1
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}
