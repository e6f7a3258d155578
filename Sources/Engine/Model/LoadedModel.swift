// Opens a model file for the commands: the mapped GGUF file, its checked hyper-parameters,
// the llama forward pass, the tokenizer and the chat template text, or one clear error.

public struct LoadedModel: Sendable {
    public let file: GGUFFile
    public let model: LlamaModel
    public let tokenizer: any Tokenizer
    /// `tokenizer.chat_template` from the file, if any (recognised, never run).
    public let chatTemplateSource: String?

    /// `threads` and `kernels` come from the caller (onramp takes them from Probe's facts, the
    /// command line and the environment).
    public static func open(path: String, threads: Int, kernels: KernelPath = .best) throws -> LoadedModel {
        let file = try GGUFFile(path: path)
        let settings = try LlamaHyperparameters(file: file)
        let model = try LlamaModel(file: file, shape: try LlamaShape(settings), threads: threads, kernels: kernels)
        let tokenizer = try TokenizerVocabulary(metadata: file.metadata).makeTokenizer()
        let template = try? file.metadata.stringIfPresent("tokenizer.chat_template")
        return LoadedModel(file: file, model: model, tokenizer: tokenizer, chatTemplateSource: template ?? nil)
    }
}
