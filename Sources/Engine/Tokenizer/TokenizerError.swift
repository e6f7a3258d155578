// Why a model's tokenizer could not be set up, in words for people who just want the model to run.
// Each case says what is wrong, why it matters and what to do.

enum TokenizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `tokenizer.ggml.model` names a tokenizer family Onramp does not implement.
    case unsupportedModel(String)
    /// `tokenizer.ggml.pre` names a pre-tokenizer Onramp does not implement.
    case unsupportedPreTokenizer(String)
    /// A required metadata entry is absent or has the wrong type.
    case missingMetadata(key: String)
    /// A metadata array is shorter than the token list it describes.
    case inconsistentMetadata(key: String, count: Int, expected: Int)
    /// Two vocabulary entries have the same text, so text cannot be mapped back to one id.
    case duplicateToken(text: String, firstID: Int, secondID: Int)
    /// The vocabulary is empty or larger than token ids can address.
    case badVocabularySize(Int)
    /// The model asks for a BOS/EOS token to be added but does not say which one.
    case missingSpecialToken(flag: String, idKey: String)

    var description: String {
        switch self {
        case .unsupportedModel(let name):
            return "This model uses the '\(name)' tokenizer, which Onramp cannot run yet. "
                + "Text cannot be turned into tokens for it, so the model cannot be used. "
                + "Choose a model with a byte-level BPE ('gpt2') or SentencePiece ('llama') tokenizer, such as SmolLM2, Llama 3, Qwen 2 or Gemma 3."
        case .unsupportedPreTokenizer(let name):
            return "This model splits text with the '\(name)' pre-tokenizer, which Onramp does not know. "
                + "Guessing would give the model different tokens than it was trained on and degrade its answers. "
                + "Choose another model, or report the model name so support can be added."
        case .missingMetadata(let key):
            return "The model file has no usable '\(key)' entry, which the tokenizer needs. "
                + "The file is probably damaged or was converted by an old tool; download it again or pick another model."
        case .inconsistentMetadata(let key, let count, let expected):
            return "The model file's '\(key)' has \(count) entries but the vocabulary has \(expected) tokens. "
                + "The file is inconsistent, so the tokenizer cannot be trusted; download it again or pick another model."
        case .duplicateToken(let text, let first, let second):
            return "The model's vocabulary lists the token \(String(reflecting: text)) twice (ids \(first) and \(second)). "
                + "Text could not be turned into tokens unambiguously; the file is probably damaged — download it again."
        case .badVocabularySize(let count):
            return "The model's vocabulary has \(count) tokens, which is not a usable size. "
                + "The file is probably damaged; download it again or pick another model."
        case .missingSpecialToken(let flag, let idKey):
            return "The model file sets '\(flag)' but has no '\(idKey)', so the token to add is unknown. "
                + "The file was probably converted incorrectly; pick another build of this model."
        }
    }
}
