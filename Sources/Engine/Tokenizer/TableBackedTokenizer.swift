// What both tokenizers answer straight from their shared tables (token pieces, special tokens),
// written once so BPE and SentencePiece cannot drift apart.

protocol TableBackedTokenizer: Tokenizer {
    var special: SpecialTokens { get }
    var pieces: TokenPieces { get }
    /// Whether decoding tidies spaces around punctuation the way this model's tokenizer does.
    var cleansUpSpacesWhenDecoding: Bool { get }
}

extension TableBackedTokenizer {
    public func pieceBytes(_ id: Int32) -> [UInt8] {
        pieces.bytes(id)
    }

    public func decode(_ ids: [Int32]) -> String {
        pieces.decode(ids, dropsLeadingSpace: vocabulary.addSpacePrefix, cleansUpSpaces: cleansUpSpacesWhenDecoding)
    }

    public func isControl(_ id: Int32) -> Bool {
        special.isControl(id)
    }

    public func isEndOfGeneration(_ id: Int32) -> Bool {
        special.endOfGeneration.contains(id)
    }
}
