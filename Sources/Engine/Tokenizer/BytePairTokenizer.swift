// Byte-level BPE (GGUF `tokenizer.ggml.model` "gpt2": GPT-2, Llama 3, Qwen 2, SmolLM2 …), giving the
// same token ids and text as llama.cpp: special tokens cut out, words split, bytes merged by rank.

public final class BytePairTokenizer: Tokenizer {
    public let vocabulary: TokenizerVocabulary
    let preTokenizer: PreTokenizer
    let special: SpecialTokens
    private let symbols: BytePairSymbols
    /// Raw UTF-8 text of each token, as special-token search matches it.
    private let tokenTexts: [[UInt8]]
    /// The bytes each token stands for (llama.cpp's `token_to_piece` with special tokens shown).
    private let pieces: [[UInt8]]
    /// The token whose text is exactly this one byte, or -1: the last resort for unmergeable symbols.
    private let singleByteTokens: [Int32]
    /// Special tokens searched for in text, longest first: all of them, or only user-defined ones.
    private let specialsWhenParsing: [Int32]
    private let specialsWhenNotParsing: [Int32]

    public init(vocabulary: TokenizerVocabulary) throws {
        guard vocabulary.model == "gpt2" else { throw TokenizerError.unsupportedModel(vocabulary.model) }
        self.vocabulary = vocabulary
        preTokenizer = try PreTokenizer(name: vocabulary.pre)

        // Empty token texts get a placeholder name, as llama.cpp does, so every id has distinct text.
        var texts: [[UInt8]] = []
        texts.reserveCapacity(vocabulary.tokens.count)
        var firstID: [[UInt8]: Int] = [:]
        firstID.reserveCapacity(vocabulary.tokens.count)
        for (id, token) in vocabulary.tokens.enumerated() {
            let text = token.isEmpty ? Array("[EMPTY_\(id)]".utf8) : Array(token.utf8)
            if let earlier = firstID.updateValue(id, forKey: text) {
                throw TokenizerError.duplicateToken(text: token, firstID: earlier, secondID: id)
            }
            texts.append(text)
        }
        tokenTexts = texts
        symbols = BytePairSymbols(tokens: texts, merges: vocabulary.merges)
        special = SpecialTokens(vocabulary: vocabulary)

        var singles = [Int32](repeating: -1, count: 256)
        for (id, text) in texts.enumerated() where text.count == 1 {
            singles[Int(text[0])] = Int32(id)
        }
        singleByteTokens = singles

        let attributes = special.attributes
        pieces = texts.indices.map { Self.piece(text: texts[$0], attributes: attributes[$0]) }
        specialsWhenParsing = special.splitOrder
        specialsWhenNotParsing = special.splitOrder.filter {
            attributes[Int($0)].isDisjoint(with: [.control, .unknown])
        }
    }

    // MARK: Encoding

    public func encode(_ text: String, addSpecial: Bool, parseSpecial: Bool) -> [Int32] {
        var output: [Int32] = []
        output.reserveCapacity(text.utf8.count / 3 + 2)
        if addSpecial && vocabulary.addBOS, let bos = vocabulary.bos {
            output.append(bos)
        }
        var text = text
        text.withUTF8 { bytes in
            let fragments = SpecialTokenSplit.split(
                bytes, specials: parseSpecial ? specialsWhenParsing : specialsWhenNotParsing, texts: tokenTexts)
            var scratch = Scratch()
            for fragment in fragments {
                switch fragment {
                case .token(let id):
                    output.append(id)
                case .text(let range):
                    encodeText(UnsafeBufferPointer(rebasing: bytes[range]), into: &output, scratch: &scratch)
                }
            }
        }
        if addSpecial && vocabulary.addEOS, let eos = vocabulary.eos {
            output.append(eos)
        }
        return output
    }

    private struct Scratch {
        var text = ScalarText()
        var merger = BytePairMerger()
    }

    private func encodeText(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [Int32], scratch: inout Scratch) {
        scratch.text.load(bytes)
        let ends = preTokenizer.split(scratch.text)
        var startScalar = 0
        for endScalar in ends {
            let lower = scratch.text.byteOffsets[startScalar]
            let upper = scratch.text.byteOffsets[endScalar]
            startScalar = endScalar
            let word = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
            if preTokenizer.wordsThatAreTokensSkipMerges, let id = symbols.tokenForWholeWord(word) {
                output.append(id)
                continue
            }
            scratch.merger.merge(word, symbols: symbols) { symbol in
                emit(symbol, into: &output)
            }
        }
    }

    @inline(__always)
    private func emit(_ symbol: Int32, into output: inout [Int32]) {
        if Int(symbol) < symbols.tokenCount {
            output.append(symbol)
            return
        }
        // A merge result the vocabulary lacks: llama.cpp falls back to one-byte tokens of its text.
        for byte in symbols.texts[Int(symbol)] where singleByteTokens[Int(byte)] >= 0 {
            output.append(singleByteTokens[Int(byte)])
        }
    }

    // MARK: Decoding

    public func pieceBytes(_ id: Int32) -> [UInt8] {
        guard id >= 0, Int(id) < pieces.count else { return [] }
        return pieces[Int(id)]
    }

    public func decode(_ ids: [Int32]) -> String {
        var bytes: [UInt8] = []
        for (index, id) in ids.enumerated() {
            var piece = pieceBytes(id)[...]
            // Files that add a space prefix when encoding get it removed once when decoding.
            if index == 0 && vocabulary.addSpacePrefix && piece.first == UInt8(ascii: " ") {
                piece = piece.dropFirst()
            }
            bytes.append(contentsOf: piece)
        }
        if preTokenizer.cleansUpSpacesWhenDecoding {
            bytes = DecodedSpaceCleanup.clean(bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func isControl(_ id: Int32) -> Bool {
        guard id >= 0, Int(id) < special.attributes.count else { return false }
        return !special.attributes[Int(id)].isDisjoint(with: [.control, .unknown])
    }

    public func isEndOfGeneration(_ id: Int32) -> Bool {
        special.endOfGeneration.contains(id)
    }

    /// What a token stands for: special tokens their text, normal tokens the bytes their
    /// byte-level characters encode, byte tokens ("<0x0A>") their byte, anything else nothing.
    static func piece(text: [UInt8], attributes: TokenAttributes) -> [UInt8] {
        if !attributes.isDisjoint(with: [.unknown, .control, .userDefined]) {
            return text
        }
        if attributes.contains(.normal) {
            var bytes: [UInt8] = []
            let textString = String(decoding: text, as: UTF8.self)
            for scalar in textString.unicodeScalars {
                if let byte = ByteLevelAlphabet.byte(for: scalar.value) {
                    bytes.append(byte)
                } else {
                    // llama.cpp's marker for a character outside the byte alphabet.
                    bytes.append(contentsOf: Array("[UNK_BYTE_0x".utf8))
                    for unit in String(scalar).utf8 {
                        bytes.append(contentsOf: Array(hex(unit).utf8))
                    }
                    bytes.append(contentsOf: text)
                    bytes.append(UInt8(ascii: "]"))
                }
            }
            return bytes
        }
        if attributes.contains(.byte) {
            return [byteTokenValue(text)]
        }
        return []
    }

    /// The byte a "<0xAB>" token stands for, read like C's strtol: hex digits at offset 3, up to two.
    private static func byteTokenValue(_ text: [UInt8]) -> UInt8 {
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

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}
