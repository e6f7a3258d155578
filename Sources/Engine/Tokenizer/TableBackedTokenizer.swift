// What both tokenizers answer straight from their shared tables (token pieces, special tokens),
// written once so BPE and SentencePiece cannot drift apart.

protocol TableBackedTokenizer: Tokenizer {
    var special: SpecialTokens { get }
    var pieces: TokenPieces { get }
    /// Whether decoding tidies spaces around punctuation the way this model's tokenizer does.
    var cleansUpSpacesWhenDecoding: Bool { get }
}

extension TableBackedTokenizer {
    public func pieceBytes(_ id: TokenID) -> [UInt8] {
        pieces.bytes(id)
    }

    public func decode(_ ids: [TokenID]) -> String {
        pieces.decode(ids, dropsLeadingSpace: vocabulary.addSpacePrefix, cleansUpSpaces: cleansUpSpacesWhenDecoding)
    }

    public func isControl(_ id: TokenID) -> Bool {
        special.isControl(id)
    }

    public func isEndOfGeneration(_ id: TokenID) -> Bool {
        special.endOfGeneration.contains(id)
    }
}
