// How a model splits text into words before BPE, chosen by `tokenizer.ggml.pre`, with the settings
// llama.cpp ties to each name (whether whole-word tokens skip merging, BOS default, space clean-up).

struct PreTokenizer: Sendable {
    /// The name as the file gives it ("default" when it gives none).
    let name: String
    /// Applied in order; each splits the pieces of the one before.
    let rules: [SplitRule]
    /// A word that is itself a token becomes that token without merging (llama.cpp's `ignore_merges`).
    let wordsThatAreTokensSkipMerges: Bool
    /// Whether BOS is added when the file does not say (`add_bos_token` missing).
    let addsBOSByDefault: Bool
    /// Whether decoding removes the space before ". , ! ?" and in " 's" (llama.cpp's `clean_spaces`).
    let cleansUpSpacesWhenDecoding: Bool

    private enum Family {
        case gpt2, llama3, qwen2, smollm, standard
    }

    /// The pre-tokenizers Onramp implements, by every name llama.cpp accepts for them, with
    /// (family, skip merges, BOS by default, clean spaces) as llama.cpp sets them.
    private static let known: [String: (Family, Bool, Bool, Bool)] = [
        "default": (.standard, false, false, true),
        "gpt-2": (.gpt2, false, false, true),
        "phi-2": (.gpt2, false, false, true),
        "mpt": (.gpt2, false, false, true),
        "olmo": (.gpt2, false, false, true),
        "jais": (.gpt2, false, false, true),
        "llama3": (.llama3, true, true, true),
        "llama-v3": (.llama3, true, true, true),
        "llama-bpe": (.llama3, true, true, true),
        "falcon3": (.llama3, true, true, true),
        "pixtral": (.llama3, true, true, true),
        "dbrx": (.llama3, false, false, true),
        "smaug-bpe": (.llama3, false, false, true),
        "qwen2": (.qwen2, false, false, false),
        "deepseek-r1-qwen": (.qwen2, false, false, false),
        "stablelm2": (.qwen2, false, false, true),
        "megrez": (.qwen2, false, false, true),
        "smollm": (.smollm, false, false, false),
        "command-r": (.smollm, false, false, false),
        "starcoder": (.smollm, false, false, true),
        "refact": (.smollm, false, false, true),
        "codeshell": (.smollm, false, false, true),
        "exaone": (.smollm, false, false, true),
        "minerva-7b": (.smollm, false, false, true),
    ]

    /// The names accepted, for messages and tests.
    static var supportedNames: [String] { known.keys.sorted() }

    init(name: String?) throws {
        let resolved = name ?? "default"
        guard let (family, skipMerges, addsBOS, cleansSpaces) = Self.known[resolved] else {
            throw TokenizerError.unsupportedPreTokenizer(resolved)
        }
        self.name = resolved
        self.wordsThatAreTokensSkipMerges = skipMerges
        self.addsBOSByDefault = addsBOS
        self.cleansUpSpacesWhenDecoding = cleansSpaces
        switch family {
        case .gpt2: rules = [.gpt2Words]
        case .llama3: rules = [.llama3Words(digitGroup: 3)]
        case .qwen2: rules = [.llama3Words(digitGroup: 1)]
        case .smollm: rules = [.eachNumber, .gpt2Words]
        case .standard: rules = [.punctuationRuns, .gpt2Words, .numberRuns, .asciiDigitTriples]
        }
    }

    /// Splits `text` into words; returns the end position of each, in order.
    func split(_ text: ScalarText) -> [Int] {
        var ends = text.count > 0 ? [text.count] : []
        for rule in rules {
            var pieces = PieceEnds()
            pieces.ends.reserveCapacity(ends.count * 2)
            var start = 0
            for end in ends {
                rule.split(text, start..<end, into: &pieces)
                start = end
            }
            ends = pieces.ends
        }
        return ends
    }
}
