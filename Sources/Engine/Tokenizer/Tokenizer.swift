// What the inference engine needs from a tokenizer: text to token ids, ids back to bytes and text,
// and which ids end a reply. `BytePairTokenizer` (gpt2) and `SentencePieceTokenizer` (llama) implement it.

public protocol Tokenizer: Sendable {
    /// The vocabulary this tokenizer was built from.
    var vocabulary: TokenizerVocabulary { get }

    /// Token ids for `text`, exactly as llama.cpp's `llama_tokenize` gives them.
    /// - Parameters:
    ///   - addSpecial: add BOS/EOS where the model asks for them (`tokenizer.ggml.add_bos_token`, …).
    ///   - parseSpecial: turn control-token text such as `<|im_start|>` inside `text` into its id;
    ///     when false such text is tokenized like any other text (user-defined tokens are always split out).
    func encode(_ text: String, addSpecial: Bool, parseSpecial: Bool) -> [TokenID]

    /// The text of `ids`, with control tokens written out, like llama.cpp's `llama_detokenize`
    /// (`unparse_special` true). Bytes that are not valid UTF-8 become U+FFFD.
    func decode(_ ids: [TokenID]) -> String

    /// The raw bytes one token stands for (control tokens give their text). May be part of a
    /// multi-byte character; use `StreamingTextDecoder` to print tokens as they come.
    /// An id outside the vocabulary gives no bytes.
    func pieceBytes(_ id: TokenID) -> [UInt8]

    /// Whether `id` is a control or unknown token (`<|im_start|>`, `<|im_end|>`): markup for the
    /// model that is hidden when showing a reply.
    func isControl(_ id: TokenID) -> Bool

    /// Whether generating `id` means the model has finished its reply (EOS, `<|im_end|>`, `<|eot_id|>`, …).
    func isEndOfGeneration(_ id: TokenID) -> Bool
}

extension Tokenizer {
    /// Token ids for plain user text: BOS/EOS as the model asks, special-token text left as text.
    public func encode(_ text: String) -> [TokenID] {
        encode(text, addSpecial: true, parseSpecial: false)
    }
}
