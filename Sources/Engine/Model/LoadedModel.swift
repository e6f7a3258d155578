// Opens a model file for the commands: the mapped GGUF file, its checked settings and tensors
// (one pass over its architecture's table), the forward pass, the tokenizer and the chat
// template text, or one clear error.

public struct LoadedModel: Sendable {
    public let file: GGUFFile
    public let model: TransformerModel
    public let tokenizer: any Tokenizer
    /// `tokenizer.chat_template` from the file, if any (recognised, never run).
    public let chatTemplateSource: String?

    /// `threads` and `kernels` come from the caller (onramp takes them from Probe's facts, the
    /// command line and the environment).
    public static func open(path: String, threads: Int, kernels: KernelPath = .best) throws -> LoadedModel {
        let file = try GGUFFile(path: path)
        // The token list is read once, by the settings (for the vocabulary size), and handed on to
        // the tokenizer.
        var tokens: [String] = []
        let settings = try ModelHyperparameters(file: file, readTokens: &tokens)
        let model = try TransformerModel(file: file, settings: settings, threads: threads, kernels: kernels)
        let tokenizer = try TokenizerVocabulary(metadata: file.metadata, tokens: tokens).makeTokenizer()
        let template = try? file.metadata.stringIfPresent("tokenizer.chat_template")
        return LoadedModel(file: file, model: model, tokenizer: tokenizer, chatTemplateSource: template ?? nil)
    }

    /// The conversation format for this model: from its chat template, or, for a file without
    /// one, from the turn markers its vocabulary has (a Gemma file without a template).
    public func chatTemplate() throws(ChatTemplateError) -> ChatTemplate {
        let tokens = tokenizer.vocabulary.tokens
        if chatTemplateSource == nil, tokens.contains("<start_of_turn>"), tokens.contains("<end_of_turn>") {
            return .gemma
        }
        return try ChatTemplate.recognize(chatTemplateSource)
    }
}
