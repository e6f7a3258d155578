// One pass of a pre-tokenizer: llama.cpp applies a list of expressions in turn, each splitting the
// pieces the previous one made. These are the expressions the supported pre-tokenizers use.

enum SplitRule: Sendable {
    /// GPT-2's word expression.
    case gpt2Words
    /// Llama 3's word expression; `digitGroup` 3 for Llama 3, 1 for Qwen 2.
    case llama3Words(digitGroup: Int)
    /// `\p{N}`: every number code point on its own.
    case eachNumber
    /// `\p{N}+`: runs of number code points.
    case numberRuns
    /// `[\p{P}\$\+<=>\^~\|]+`: runs of punctuation and those ASCII symbols.
    case punctuationRuns
    /// `[0-9][0-9][0-9]`: groups of three ASCII digits.
    case asciiDigitTriples

    /// Splits `chunk` into consecutive pieces, appending their end positions.
    func split(_ text: ScalarText, _ chunk: Range<Int>, into pieces: inout PieceEnds) {
        switch self {
        case .gpt2Words:
            GPT2WordSplit.split(text, chunk, into: &pieces)
        case .llama3Words(let digitGroup):
            Llama3WordSplit.split(text, chunk, digitGroup: digitGroup, into: &pieces)
        case .eachNumber:
            Self.splitAtMatches(text, chunk, into: &pieces) { position in
                text.classes[position].contains(.number) ? 1 : 0
            }
        case .numberRuns:
            Self.splitAtMatches(text, chunk, into: &pieces) { position in
                var end = position
                while end < chunk.upperBound && text.classes[end].contains(.number) { end += 1 }
                return end - position
            }
        case .punctuationRuns:
            Self.splitAtMatches(text, chunk, into: &pieces) { position in
                var end = position
                while end < chunk.upperBound && Self.isPunctuationOrListedSymbol(text, end) { end += 1 }
                return end - position
            }
        case .asciiDigitTriples:
            Self.splitAtMatches(text, chunk, into: &pieces) { position in
                guard position + 3 <= chunk.upperBound else { return 0 }
                for offset in 0..<3 where !(0x30...0x39).contains(text.scalars[position + offset]) {
                    return 0
                }
                return 3
            }
        }
    }

    /// What a regular-expression split does: each match is a piece, and so is each gap between matches.
    /// `matchLength` gives the length of the match starting at a position, or 0.
    private static func splitAtMatches(
        _ text: ScalarText, _ chunk: Range<Int>, into pieces: inout PieceEnds, matchLength: (Int) -> Int
    ) {
        pieces.start(at: chunk.lowerBound)
        var position = chunk.lowerBound
        while position < chunk.upperBound {
            let length = matchLength(position)
            if length > 0 {
                pieces.add(position)
                position += length
                pieces.add(position)
            } else {
                position += 1
            }
        }
        pieces.add(chunk.upperBound)
    }

    private static func isPunctuationOrListedSymbol(_ text: ScalarText, _ position: Int) -> Bool {
        if text.classes[position].contains(.punctuation) { return true }
        switch text.scalars[position] {
        case 0x24, 0x2B, 0x3C, 0x3D, 0x3E, 0x5E, 0x7E, 0x7C: return true  // $ + < = > ^ ~ |
        default: return false
        }
    }
}
