// What both tokenizers answer straight from their shared tables (token pieces, special tokens),
// written once so BPE and SentencePiece cannot drift apart.

protocol TableBackedTokenizer: Tokenizer {
    var special: SpecialTokens { get }
    var pieces: TokenPieces { get }
    /// Whether decoding tidies spaces around punctuation the way this model's tokenizer does.
    var cleansUpSpacesWhenDecoding: Bool { get }
}

extension TableBackedTokenizer {
    func pieceBytes(_ id: TokenID) -> [UInt8] {
        pieces.bytes(id)
    }

    func decode(_ ids: [TokenID]) -> String {
        pieces.decode(ids, dropsLeadingSpace: vocabulary.addSpacePrefix, cleansUpSpaces: cleansUpSpacesWhenDecoding)
    }

    func isControl(_ id: TokenID) -> Bool {
        special.isControl(id)
    }

    func isEndOfGeneration(_ id: TokenID) -> Bool {
        special.endOfGeneration.contains(id)
    }
}
