// SentencePiece BPE (GGUF `tokenizer.ggml.model` "llama": Gemma, Llama 2, Mistral, TinyLlama), giving
// the same ids and text as llama.cpp: spaces written "▁", adjacent pieces merged by best token score,
// characters no token covers written as byte tokens "<0xAB>".

final class SentencePieceTokenizer: TableBackedTokenizer {
    let vocabulary: TokenizerVocabulary
    let special: SpecialTokens
    private let tokenTexts: [[UInt8]]
    private let tokenIndex: TokenTextIndex
    private let scores: [Float]
    let pieces: TokenPieces
    /// The token for each byte ("<0xAB>", else the byte itself as text), or -1.
    private let byteTokens: [TokenID]

    init(vocabulary: TokenizerVocabulary) throws {
        guard vocabulary.model == "llama" else { throw TokenizerError.unsupportedModel(vocabulary.model) }
        self.vocabulary = vocabulary
        let texts = vocabulary.tokenTextBytes()
        let index = try TokenTextIndex(texts: texts)
        tokenTexts = texts
        tokenIndex = index
        special = SpecialTokens(vocabulary: vocabulary, texts: texts, index: index)
        scores = vocabulary.scores.isEmpty ? [Float](repeating: 0, count: texts.count) : vocabulary.scores
        pieces = TokenPieces(texts: texts, attributes: special.attributes, normalText: Self.unescapingSpaces)
        let digits = Array("0123456789ABCDEF".utf8)
        byteTokens = (0..<256).map { byte in
            let hexName = Array("<0x".utf8) + [digits[byte >> 4], digits[byte & 0xF], UInt8(ascii: ">")]
            return index.id(of: hexName) ?? index.id(of: [UInt8(byte)]) ?? -1
        }
    }

    // MARK: Encoding

    func encode(_ text: String, addSpecial: Bool, parseSpecial: Bool) -> [TokenID] {
        var output: [TokenID] = []
        if addSpecial && vocabulary.addBOS, let bos = vocabulary.bos {
            output.append(bos)
        }
        var text = text
        text.withUTF8 { bytes in
            let fragments = SpecialTokenSplit.split(
                bytes, specials: parseSpecial ? special.splitWhenParsing : special.splitWhenNotParsing, texts: tokenTexts)
            var session = MergeSession()
            // A space is put before text that starts the input or follows a special token.
            var followsSpecial = true
            for fragment in fragments {
                switch fragment {
                case .token(let id):
                    output.append(id)
                    followsSpecial = true
                case .text(let range):
                    session.load(UnsafeBufferPointer(rebasing: bytes[range]),
                                 spacePrefix: vocabulary.addSpacePrefix && followsSpecial)
                    session.tokenize(self, into: &output)
                    followsSpecial = false
                }
            }
        }
        if addSpecial && vocabulary.addEOS, let eos = vocabulary.eos {
            output.append(eos)
        }
        return output
    }

    /// A candidate merge of two adjacent pieces; the highest score comes first, then the leftmost.
    private struct Candidate: Comparable {
        var score: Float
        var left: Int32
        var right: Int32
        var length: Int32

        static func < (a: Candidate, b: Candidate) -> Bool {
            a.score > b.score || (a.score == b.score && a.left < b.left)
        }
    }

    /// One fragment's text with spaces written "▁", cut into pieces that are merged in place.
    private struct MergeSession {
        var text: [UInt8] = []
        var start: [Int32] = []
        var length: [Int32] = []
        var previous: [Int32] = []
        var next: [Int32] = []
        var queue = PriorityQueue<Candidate>()

        mutating func load(_ bytes: UnsafeBufferPointer<UInt8>, spacePrefix: Bool) {
            text.removeAll(keepingCapacity: true)
            if spacePrefix { text.append(contentsOf: escapedSpace) }
            for byte in bytes {
                if byte == UInt8(ascii: " ") {
                    text.append(contentsOf: escapedSpace)
                } else {
                    text.append(byte)
                }
            }
        }

        mutating func tokenize(_ tokenizer: SentencePieceTokenizer, into output: inout [TokenID]) {
            start.removeAll(keepingCapacity: true)
            length.removeAll(keepingCapacity: true)
            previous.removeAll(keepingCapacity: true)
            next.removeAll(keepingCapacity: true)
            queue.removeAll()
            // One piece per character (a cut-off sequence at the end is its own piece).
            var offset = 0
            while offset < text.count {
                let size = min(Self.sequenceLength(text[offset]), text.count - offset)
                previous.append(Int32(start.count) - 1)
                start.append(Int32(offset))
                length.append(Int32(size))
                offset += size
                next.append(offset < text.count ? Int32(start.count) : -1)
            }
            guard !start.isEmpty else { return }
            text.withUnsafeBufferPointer { text in
                for index in 1..<start.count {
                    offer(Int32(index - 1), Int32(index), text, tokenizer)
                }
                while let best = queue.popSmallest() {
                    let left = Int(best.left)
                    let right = Int(best.right)
                    // Stale: one side has been merged into something else since this was offered.
                    guard length[left] > 0, length[right] > 0, length[left] + length[right] == best.length else { continue }
                    length[left] += length[right]
                    length[right] = 0
                    next[left] = next[right]
                    if next[right] >= 0 { previous[Int(next[right])] = best.left }
                    offer(previous[left], best.left, text, tokenizer)
                    offer(best.left, next[left], text, tokenizer)
                }
                var index: Int32 = 0
                while index >= 0 {
                    let piece = UnsafeBufferPointer(rebasing: text[Int(start[Int(index)])..<Int(start[Int(index)] + length[Int(index)])])
                    if let id = tokenizer.tokenIndex.id(of: piece) {
                        output.append(id)
                    } else {
                        // No token for this character: one byte token per byte.
                        for byte in piece where tokenizer.byteTokens[Int(byte)] >= 0 {
                            output.append(tokenizer.byteTokens[Int(byte)])
                        }
                    }
                    index = next[Int(index)]
                }
            }
        }

        private mutating func offer(
            _ left: Int32, _ right: Int32, _ text: UnsafeBufferPointer<UInt8>, _ tokenizer: SentencePieceTokenizer
        ) {
            guard left >= 0, right >= 0 else { return }
            let from = Int(start[Int(left)])
            let joined = Int(length[Int(left)] + length[Int(right)])
            guard let id = tokenizer.tokenIndex.id(of: UnsafeBufferPointer(rebasing: text[from..<(from + joined)])) else { return }
            queue.push(Candidate(score: tokenizer.scores[Int(id)], left: left, right: right, length: Int32(joined)))
        }

        /// How many bytes a UTF-8 sequence starting with `lead` has, judged by its high bits as llama.cpp does.
        private static func sequenceLength(_ lead: UInt8) -> Int {
            switch lead >> 4 {
            case 0xC, 0xD: return 2
            case 0xE: return 3
            case 0xF: return 4
            default: return 1
            }
        }

        private let escapedSpace: [UInt8] = [0xE2, 0x96, 0x81]
    }

    // MARK: Decoding

    var cleansUpSpacesWhenDecoding: Bool { false }

    /// A normal token's text with "▁" turned back into spaces.
    static func unescapingSpaces(_ text: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if index + 2 < text.count && text[index] == 0xE2 && text[index + 1] == 0x96 && text[index + 2] == 0x81 {
                bytes.append(UInt8(ascii: " "))
                index += 3
            } else {
                bytes.append(text[index])
                index += 1
            }
        }
        return bytes
    }
}
