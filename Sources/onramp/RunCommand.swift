// `onramp run MODEL -p TEXT`: continue a text with a model, printing words as they come.

import ArgumentParser
import Engine
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Continue a piece of text with a model, printing the words as they come.",
        discussion: """
            The model's text goes to standard output; speeds go to standard error.
            Example: onramp run ~/models/SmolLM2-135M-Instruct.Q4_1.gguf -p "The capital of France is" -n 32 --temp 0
            """)

    @Argument(help: "The model file (.gguf).")
    var model: String

    @Option(name: [.customShort("p"), .customLong("prompt")], help: "The text to continue.")
    var prompt: String

    @Option(name: .customShort("n"), help: "The most tokens to generate.")
    var tokens: Int = 128

    @OptionGroup var sampling: SamplingOptions
    @OptionGroup var engine: EngineOptions

    func validate() throws {
        if tokens < 0 { throw ValidationError("-n must be 0 or more tokens.") }
        if prompt.isEmpty { throw ValidationError("The prompt is empty: give some text to continue with -p TEXT.") }
    }

    func run() throws {
        let settings = try sampling.settings()
        do {
            let loaded = try LoadedModel.open(path: model, threads: engine.threads, kernels: EngineSetup.kernels)
            let promptTokens = loaded.tokenizer.encode(prompt, addSpecial: true, parseSpecial: false).map { Int($0) }
            let capacity = engine.context ?? min(loaded.model.shape.contextLength, promptTokens.count + tokens)
            let cache = try loaded.model.makeCache(capacity: max(1, capacity), precision: engine.precision)
            var sampler = Sampler(settings: settings)
            let generator = TextGenerator(model: loaded.model, tokenizer: loaded.tokenizer)
            let result = try generator.generate(
                prompt: promptTokens, cache: cache, maxTokens: tokens, sampler: &sampler, onText: StandardOutput.write)
            StandardOutput.write("\n")
            StandardError.write(RunSummary.text(result))
        } catch {
            throw StandardError.fail(error)
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

    private static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
