// The bytes each token stands for, worked out once per vocabulary (llama.cpp's token_to_piece with
// special tokens shown), and decoding a list of ids back into text from them.

struct TokenPieces: Sendable {
    private let pieces: [[UInt8]]

    /// - Parameter normalText: how a normal token's text turns into bytes (byte-level BPE and
    ///   SentencePiece write text differently).
    init(texts: [[UInt8]], attributes: [TokenAttributes], normalText: ([UInt8]) -> [UInt8]) {
        pieces = texts.indices.map { id in
            let text = texts[id]
            let attribute = attributes[id]
            if !attribute.isDisjoint(with: [.unknown, .control, .userDefined]) { return text }
            if attribute.contains(.normal) { return normalText(text) }
            if attribute.contains(.byte) { return [Self.byteTokenValue(text)] }
            return []
        }
    }

    /// The bytes of `id`; none for an id outside the vocabulary.
    func bytes(_ id: TokenID) -> [UInt8] {
        guard id >= 0, Int(id) < pieces.count else { return [] }
        return pieces[Int(id)]
    }

    /// The text of `ids` as llama.cpp's `llama_detokenize` gives it with special tokens shown.
    /// - Parameters:
    ///   - dropsLeadingSpace: remove one space from the start (vocabularies that add a space prefix).
    ///   - cleansUpSpaces: apply `clean_up_tokenization_spaces`.
    func decode(_ ids: [TokenID], dropsLeadingSpace: Bool, cleansUpSpaces: Bool) -> String {
        var text: [UInt8] = []
        for (index, id) in ids.enumerated() {
            var piece = bytes(id)[...]
            if index == 0 && dropsLeadingSpace && piece.first == UInt8(ascii: " ") {
                piece = piece.dropFirst()
            }
            text.append(contentsOf: piece)
        }
        if cleansUpSpaces {
            text = DecodedSpaceCleanup.clean(text)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The byte a "<0xAB>" token stands for, read like C's strtol: hex digits at offset 3, up to two.
    static func byteTokenValue(_ text: [UInt8]) -> UInt8 {
        var value: UInt8 = 0
        for byte in text.dropFirst(3).prefix(2) {
            guard let digit = hexDigitValue(byte) else { break }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
