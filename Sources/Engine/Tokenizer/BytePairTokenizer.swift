// Byte-level BPE (GGUF `tokenizer.ggml.model` "gpt2": GPT-2, Llama 3, Qwen 2, SmolLM2 …), giving the
// same token ids and text as llama.cpp: special tokens cut out, words split, bytes merged by rank.

final class BytePairTokenizer: TableBackedTokenizer {
    let vocabulary: TokenizerVocabulary
    let preTokenizer: PreTokenizer
    let special: SpecialTokens
    private let symbols: BytePairSymbols
    private let tokenIndex: TokenTextIndex
    /// Raw UTF-8 text of each token, as special-token search matches it.
    private let tokenTexts: [[UInt8]]
    let pieces: TokenPieces
    /// The token whose text is exactly this one byte, or -1: the last resort for unmergeable symbols.
    private let singleByteTokens: [TokenID]

    init(vocabulary: TokenizerVocabulary) throws {
        guard vocabulary.model == "gpt2" else { throw TokenizerError.unsupportedModel(vocabulary.model) }
        self.vocabulary = vocabulary
        preTokenizer = try PreTokenizer(name: vocabulary.pre)

        let texts = vocabulary.tokenTextBytes()
        let index = try TokenTextIndex(texts: texts)
        tokenTexts = texts
        tokenIndex = index
        symbols = BytePairSymbols(tokens: texts, index: index, merges: vocabulary.merges)
        special = SpecialTokens(vocabulary: vocabulary, texts: texts, index: index)

        var singles = [Int32](repeating: -1, count: 256)
        for (id, text) in texts.enumerated() where text.count == 1 {
            singles[Int(text[0])] = Int32(id)
        }
        singleByteTokens = singles

        let attributes = special.attributes
        pieces = TokenPieces(texts: texts, attributes: attributes, normalText: Self.bytesOfByteLevelText)
    }

    // MARK: Encoding

    func encode(_ text: String, addSpecial: Bool, parseSpecial: Bool) -> [TokenID] {
        var output: [TokenID] = []
        output.reserveCapacity(text.utf8.count / 3 + 2)
        if addSpecial && vocabulary.addBOS, let bos = vocabulary.bos {
            output.append(bos)
        }
        var text = text
        text.withUTF8 { bytes in
            let fragments = SpecialTokenSplit.split(
                bytes, specials: parseSpecial ? special.splitWhenParsing : special.splitWhenNotParsing, texts: tokenTexts)
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
        var alphabetText: [UInt8] = []
    }

    private func encodeText(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [TokenID], scratch: inout Scratch) {
        scratch.text.load(bytes)
        let ends = preTokenizer.split(scratch.text)
        var startScalar = 0
        for endScalar in ends {
            let lower = scratch.text.byteOffsets[startScalar]
            let upper = scratch.text.byteOffsets[endScalar]
            startScalar = endScalar
            let word = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
            if preTokenizer.wordsThatAreTokensSkipMerges, let id = wholeWordToken(word, buffer: &scratch.alphabetText) {
                output.append(id)
                continue
            }
            scratch.merger.merge(word, symbols: symbols) { symbol in
                emit(symbol, into: &output)
            }
        }
    }

    /// The token whose text is the whole word written in the byte-level alphabet, if there is one.
    private func wholeWordToken(_ word: UnsafeBufferPointer<UInt8>, buffer: inout [UInt8]) -> TokenID? {
        buffer.removeAll(keepingCapacity: true)
        for byte in word {
            buffer.append(contentsOf: ByteLevelAlphabet.utf8ForByte[Int(byte)])
        }
        return tokenIndex.id(of: buffer)
    }

    @inline(__always)
    private func emit(_ symbol: Int32, into output: inout [TokenID]) {
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

    var cleansUpSpacesWhenDecoding: Bool { preTokenizer.cleansUpSpacesWhenDecoding }

    /// The bytes a normal token's byte-level text encodes; a character outside the byte alphabet
    /// gives llama.cpp's "[UNK_BYTE_0x…]" marker.
    static func bytesOfByteLevelText(_ text: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            if let byte = ByteLevelAlphabet.byte(for: scalar.value) {
                bytes.append(byte)
                continue
            }
            bytes.append(contentsOf: Array("[UNK_BYTE_0x".utf8))
            for unit in String(scalar).utf8 {
                let digits = Array("0123456789abcdef".utf8)
                bytes.append(digits[Int(unit >> 4)])
                bytes.append(digits[Int(unit & 0xF)])
            }
            bytes.append(contentsOf: text)
            bytes.append(UInt8(ascii: "]"))
        }
        return bytes
    }
}
