// `onramp run MODEL -p TEXT`: continue a text with a model, printing words as they come.

import ArgumentParser
import Engine
import Foundation
import PlainText

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Continue a piece of text with a model, printing the words as they come.",
        discussion: """
            The model's text goes to standard output; speeds go to standard error.
            Control-token text in the prompt (<|im_start|>, <start_of_turn>, …) becomes the model's control
            tokens, as in llama.cpp; --literal keeps it as text.
            Example: onramp run ~/models/SmolLM2-135M-Instruct.Q4_1.gguf -p "The capital of France is" -n 32 --temp 0
            """)

    @OptionGroup var model: ModelFileArgument

    @Option(name: [.customShort("p"), .customLong("prompt")], help: "The text to continue.")
    var prompt: String

    @Option(
        name: .customShort("n"), parsing: .unconditional,
        help: OptionRanges.runTokens.help("The most tokens to generate."),
        transform: OptionRanges.runTokens.parse)
    var tokens: Int = OptionRanges.runTokens.defaultValue

    @Flag(
        name: .customLong("literal"),
        help: "Read the prompt as plain text: control-token text such as <|im_start|> or <start_of_turn> stays text instead of becoming the model's control tokens.")
    var literal = false

    @OptionGroup var sampling: SamplingOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var gpu: GPUOptions

    func validate() throws {
        if prompt.isEmpty { throw ValidationError("The prompt is empty: give some text to continue with -p TEXT.") }
    }

    func run() throws {
        do {
            let loaded = try ModelLoading.open(model.path, threads: engine.threads)
            // As llama-cli and llama-simple: a prompt written in the model's chat format means its turns.
            let promptTokens = loaded.tokenizer.encode(prompt, addSpecial: true, parseSpecial: !literal)
            let budget = try ModelLimits.run(
                requestedContext: engine.context, trained: loaded.model.shape.contextLength,
                promptTokens: promptTokens.count, tokens: tokens)
            if let note = budget.note { StandardError.write("note: \(note)\n") }
            try gpu.place(loaded, capacity: budget.context)
            let cache = try loaded.model.makeCache(capacity: budget.context, precision: engine.precision)
            let sampling = self.sampling.settings(for: loaded)
            if let note = sampling.note { StandardError.write("note: \(note)\n") }
            var sampler = Sampler(settings: sampling.settings)
            let generator = TextGenerator(model: loaded.model, tokenizer: loaded.tokenizer)
            var answer = ""
            let result = try generator.generate(
                prompt: promptTokens, cache: cache, maxTokens: budget.tokens, sampler: &sampler,
                onText: { text in
                    answer += text
                    StandardOutput.write(text)
                })
            StandardOutput.write("\n")
            StandardError.write(RunSummary.text(result))
            if let advice = RunSummary.chatAdvice(result, answer: answer, isChatModel: loaded.chatTemplateSource != nil, path: model.path) {
                StandardError.write(advice + "\n")
            }
        } catch let problem as UsageProblem {
            throw problem.report(for: Self.self)
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
    }
}

/// The speed line printed after an answer.
enum RunSummary {
    static func text(_ result: GenerationResult) -> String {
        let why: String
        switch result.stopReason {
        case .endOfGeneration: why = "the model finished"
        case .tokenLimit: why = "token limit reached"
        case .cancelled: why = "stopped"
        case .contextFull: why = "the context is full"
        }
        let prompt = "\(result.promptTokenCount) prompt tokens at \(format(result.promptSpeed)) tok/s"
        let generated = "\(result.tokens.count) generated at \(format(result.generationSpeed)) tok/s"
        return "[\(prompt); \(generated); \(why)]\n"
    }

    /// A chat model given plain text often ends its turn at once (nothing, or only a line break,
    /// before it finished): then say to talk to it with `onramp chat`, which wraps each message in
    /// the model's chat format.
    static func chatAdvice(_ result: GenerationResult, answer: String, isChatModel: Bool, path: String) -> String? {
        guard isChatModel, result.stopReason == .endOfGeneration,
              answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return nil }
        return "The model ended at once: it is a chat model, made to answer messages rather than continue text. "
            + "Talk to it with: onramp chat \(ShellQuote.quote(path))"
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
