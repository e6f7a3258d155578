// Which tokens are special — control, user-defined, unknown — and which end a reply, worked out from
// token types and, like llama.cpp, from well-known token texts that converters often mislabel.

struct TokenAttributes: OptionSet, Sendable {
    let rawValue: UInt16
    static let unknown = TokenAttributes(rawValue: 1 << 0)
    static let unused = TokenAttributes(rawValue: 1 << 1)
    static let normal = TokenAttributes(rawValue: 1 << 2)
    static let control = TokenAttributes(rawValue: 1 << 3)
    static let userDefined = TokenAttributes(rawValue: 1 << 4)
    static let byte = TokenAttributes(rawValue: 1 << 5)

    init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    init(tokenType: Int32) {
        switch tokenType {
        case TokenizerVocabulary.TokenType.normal: self = .normal
        case TokenizerVocabulary.TokenType.unknown: self = .unknown
        case TokenizerVocabulary.TokenType.control: self = .control
        case TokenizerVocabulary.TokenType.userDefined: self = .userDefined
        case TokenizerVocabulary.TokenType.unused: self = .unused
        case TokenizerVocabulary.TokenType.byte: self = .byte
        default: self = []
        }
    }
}

struct SpecialTokens: Sendable {
    /// Attributes per token id, after llama.cpp's corrections.
    let attributes: [TokenAttributes]
    /// Tokens that end generation.
    let endOfGeneration: Set<TokenID>
    /// Tokens cut out of text before tokenizing, longest first: all special tokens when parsing
    /// special text, otherwise only user-defined ones (control and unknown text stays text).
    let splitWhenParsing: [TokenID]
    let splitWhenNotParsing: [TokenID]

    // Token texts llama.cpp recognises; any of them found in the vocabulary is made a control token.
    private static let endOfTurnTexts: Set<String> = [
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>",
        "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>",
    ]
    private static let endOfMessageTexts: Set<String> = ["<|eom_id|>"]
    private static let fillInMiddleTexts: [(role: FillInMiddle, texts: Set<String>)] = [
        (.prefix, ["<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>"]),
        (.suffix, ["<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>"]),
        (.middle, ["<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>"]),
        (.pad, ["<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"]),
        (.repository, ["<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"]),
        (.fileSeparator, ["<|file_sep|>"]),
    ]
    private static let endOfGenerationTexts: Set<String> = [
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>",
        "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
        "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>",
        "<｜end▁of▁sentence｜>", "[e~[",
    ]
    /// gpt-oss channel markers are always written out, so they are treated as user-defined text.
    private static let alwaysRenderedTexts: Set<String> = ["<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"]

    private enum FillInMiddle {
        case prefix, suffix, middle, pad, repository, fileSeparator
    }

    /// - Parameters:
    ///   - texts: the token texts as UTF-8, and `index` to look them up.
    init(vocabulary: TokenizerVocabulary, texts: [[UInt8]], index: TokenTextIndex) {
        var attributes = texts.indices.map { TokenAttributes(tokenType: vocabulary.tokenType($0)) }
        func idForText(_ text: String) -> TokenID? {
            index.id(of: Array(text.utf8))
        }
        // Where several texts qualify, llama.cpp's choice depends on hash order; the lowest id is ours.
        func firstToken(in texts: Set<String>) -> TokenID? {
            texts.compactMap { idForText($0) }.min()
        }
        func markControl(_ id: TokenID) {
            attributes[Int(id)].insert(.control)
        }

        let endOfTurn = vocabulary.endOfTurn ?? firstToken(in: Self.endOfTurnTexts)
        let endOfMessage = vocabulary.endOfMessage ?? firstToken(in: Self.endOfMessageTexts)
        if vocabulary.endOfTurn == nil, let endOfTurn { markControl(endOfTurn) }
        if vocabulary.endOfMessage == nil, let endOfMessage { markControl(endOfMessage) }

        var endOfGeneration = Set<TokenID>()
        for (role, texts) in Self.fillInMiddleTexts {
            guard let id = firstToken(in: texts) else { continue }
            markControl(id)
            if role == .pad || role == .repository || role == .fileSeparator {
                endOfGeneration.insert(id)
            }
        }
        for text in Self.endOfGenerationTexts {
            guard let id = idForText(text) else { continue }
            endOfGeneration.insert(id)
            markControl(id)
        }
        for text in Self.alwaysRenderedTexts {
            if let id = idForText(text) { attributes[Int(id)] = .userDefined }
        }
        for id in [vocabulary.eos, endOfTurn, endOfMessage] {
            if let id { endOfGeneration.insert(id) }
        }
        // Harmony-style vocabularies use <|end|> between messages, not at the end of a reply.
        let has = { (text: String) in idForText(text).map { endOfGeneration.contains($0) } ?? false }
        if let end = idForText("<|end|>"), has("<|end|>"),
            (has("<|return|>") && has("<|call|>")) || (has("<|calls|>") && has("<|flush|>"))
        {
            endOfGeneration.remove(end)
            attributes[Int(end)] = .userDefined
        }
        // Gemma 4 keeps </s> as ordinary text.
        if let closing = idForText("</s>"), has("<|tool_response>"), has("</s>") {
            endOfGeneration.remove(closing)
            attributes[Int(closing)] = .normal
        }

        let special: TokenAttributes = [.control, .userDefined, .unknown]
        let splitOrder = texts.indices
            .filter { !attributes[$0].isDisjoint(with: special) }
            .sorted { texts[$0].count > texts[$1].count || (texts[$0].count == texts[$1].count && $0 < $1) }
            .map { Int32($0) }
        self.splitWhenParsing = splitOrder
        self.splitWhenNotParsing = splitOrder.filter { attributes[Int($0)].isDisjoint(with: [.control, .unknown]) }
        self.attributes = attributes
        self.endOfGeneration = endOfGeneration
    }

    /// Control and unknown tokens: markup for the model, hidden when showing a reply.
    func isControl(_ id: TokenID) -> Bool {
        guard id >= 0, Int(id) < attributes.count else { return false }
        return !attributes[Int(id)].isDisjoint(with: [.control, .unknown])
    }
}
