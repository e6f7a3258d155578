// The generation loop: run the prompt through the model, then repeatedly choose a token,
// print its text as soon as it is complete UTF-8, and feed it back, until the model ends its
// answer, the token limit is reached, the context is full, or the caller cancels.

import Foundation

public struct TextGenerator {
    public let model: any LanguageModel
    public let tokenizer: any Tokenizer

    public init(model: any LanguageModel, tokenizer: any Tokenizer) {
        self.model = model
        self.tokenizer = tokenizer
    }

    /// Generates after `prompt`, which is appended to whatever `cache` already holds.
    /// - history: tokens already in the cache, for the repetition penalty.
    /// - onText: called with each piece of finished text, in order.
    public func generate(
        prompt: [TokenID], cache: KVCache, history: [TokenID] = [], maxTokens: Int, sampler: inout Sampler,
        cancellation: CancellationFlag? = nil, onText: (String) -> Void = { _ in }
    ) throws(ModelError) -> GenerationResult {
        var result = GenerationResult(
            tokens: [], stopReason: .tokenLimit, promptTokenCount: prompt.count, promptSeconds: 0, generationSeconds: 0)
        guard !prompt.isEmpty else {
            throw .invalidSetting("The prompt is empty: give some text for the model to continue (-p TEXT).")
        }
        var seen = history + prompt
        let promptStart = DispatchTime.now()
        var logits = try model.forward(prompt, cache: cache)
        result.promptSeconds = seconds(since: promptStart)

        var decoder = StreamingTextDecoder(tokenizer: tokenizer)
        let generationStart = DispatchTime.now()
        defer { result.generationSeconds = seconds(since: generationStart) }
        while result.tokens.count < maxTokens {
            if cancellation?.isRaised == true {
                result.stopReason = .cancelled
                break
            }
            let token = sampler.next(logits: logits, history: seen)
            if tokenizer.isEndOfGeneration(token) {
                result.stopReason = .endOfGeneration
                break
            }
            result.tokens.append(token)
            seen.append(token)
            let text = decoder.append(token)
            if !text.isEmpty { onText(text) }
            if result.tokens.count == maxTokens { break }
            if cache.count >= cache.capacity {
                result.stopReason = .contextFull
                break
            }
            logits = try model.forward([token], cache: cache)
        }
        let rest = decoder.flush()
        if !rest.isEmpty { onText(rest) }
        result.generationSeconds = seconds(since: generationStart)
        return result
    }

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
