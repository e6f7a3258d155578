// llama.cpp's `clean_up_tokenization_spaces` for decoded text: drops the space before ". , ! ?",
// around a lone apostrophe, and before "'s 'm 're 've". Only some pre-tokenizers ask for it.

enum DecodedSpaceCleanup {
    static func clean(_ text: [UInt8]) -> [UInt8] {
        withoutSpaceBeforeContractions(withoutSpacesAroundLoneApostrophes(withoutSpaceBeforePunctuation(text)))
    }

    private static let space = UInt8(ascii: " ")
    private static let apostrophe = UInt8(ascii: "'")

    /// " ?" " !" " ." " ," lose the space.
    static func withoutSpaceBeforePunctuation(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        for (index, byte) in text.enumerated() {
            let punctuation = byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")
            if index > 0 && text[index - 1] == space && punctuation {
                out.removeLast()
            }
            out.append(byte)
        }
        return out
    }

    /// " ' " becomes "'". The space after is consumed, so it cannot start another " ' ".
    static func withoutSpacesAroundLoneApostrophes(_ text: [UInt8]) -> [UInt8] {
        var input = text
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        if let first = input.first { out.append(first) }
        var index = 1
        while index < input.count {
            let byte = input[index]
            if byte == apostrophe && index + 1 < input.count && input[index - 1] == space && input[index + 1] == space {
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

    /// " 's" and " 'm", " 're" and " 've" lose the space; " 't", " 'd" and " 'll" keep it.
    static func withoutSpaceBeforeContractions(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        if let first = text.first { out.append(first) }
        var index = 1
        while index < text.count {
            let byte = text[index]
            if text[index - 1] == space && byte == apostrophe && index + 1 < text.count {
                let next = text[index + 1]
                if next == UInt8(ascii: "s") || next == UInt8(ascii: "m") {
                    out.removeLast()
                } else if next != UInt8(ascii: "t") && next != UInt8(ascii: "d") && index + 2 < text.count {
                    let after = text[index + 2]
                    if (next == UInt8(ascii: "r") || next == UInt8(ascii: "v")) && after == UInt8(ascii: "e") {
                        out.removeLast()
                    }
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}
