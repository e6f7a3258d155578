// Predicted tokens per second for a model on a machine. Generation reads every weight once per
// token, so it is memory bandwidth ÷ bytes per token, unless the kernels cannot keep up with the
// memory (small models, slow kernels); prompt reading is bound by computation, so it is kernel
// throughput ÷ the operations a prompt token really costs (the blocks' products, not the
// embedding or output matrices, plus attention, which grows with the prompt). Calibrated against `onramp bench` on the reference machine;
// the range says how far off a prediction of this kind was seen to be.

public struct SpeedPrediction: Codable, Sendable, Equatable {
    public enum Limit: String, Codable, Sendable {
        case memoryBandwidth
        case computation
    }

    /// Tokens per second while writing an answer.
    public let generationTokensPerSecond: Double
    /// The plausible range of `generationTokensPerSecond`.
    public let generationRange: ClosedRange<Double>
    /// Tokens per second while reading a prompt.
    public let promptTokensPerSecond: Double
    public let limitedBy: Limit

    /// English text averages about three words per four tokens.
    public static let wordsPerToken = 0.75
    /// Position in the conversation the KV cache read is counted at (a short chat).
    public static let typicalPosition = 512

    /// Share of the measured bandwidth the whole forward pass reaches (attention, norms, thread
    /// hand-offs), from `onramp bench` on the reference machine.
    static let generationEfficiency = 0.62

    /// The prompt the prompt speed is predicted for (llama-bench's and `onramp bench`'s pp512).
    public static let promptTokens = 512

    /// What one operation of attention costs in kernel operations. Attention runs over the f16
    /// cache with a softmax per position, not through the quantised kernels; `perf record` of
    /// `onramp bench -p 512` on SmolLM2 put 34 % of the time in attention and softmax and 52 % in
    /// the kernels, for 17.7 M attention and 212 M kernel operations per token: 7.8×.
    static let attentionCost = 7.8

    /// Prompt kernel-equivalent operations per second per measured one-token kernel operation per
    /// second, all threads: the rest of the forward pass (SwiGLU, norms, quantising activations,
    /// hand-offs between threads) and the batched kernels' own speed. Refitted when the batched
    /// prompt kernels outgrew the one-token kernel the probe times: on the five test models
    /// (`chrt -f 10 scripts/check-predictions`) the implied value was 0.93 for Q4_K_M and 1.00 for
    /// Q4_0 (the 1B), 0.64 for Q8_0 and SmolLM2's Q4_1, 1.42 for Gemma 3; 0.85 suits the Q4_K_M
    /// files the recommender prefers. It differs by weight type, which one constant cannot follow
    /// (docs/architecture.md, "Speed calibration"). Before: 0.47, from SmolLM2 alone.
    static let promptEfficiency = 0.85

    public var generationWordsPerSecond: Double { generationTokensPerSecond * Self.wordsPerToken }

    /// Kernel-equivalent operations per token of a `promptTokens` prompt: the transformer blocks'
    /// products (the output matrix only runs for the last token) and attention over, on average,
    /// half the prompt, which grows with the prompt rather than with the weights.
    static func promptOperationsPerToken(_ model: CatalogModel) -> Double {
        let products = 2 * Double(model.promptProductParameters)
        let attention = model.attentionOperations(positions: promptTokens / 2) * attentionCost
        return products + attention
    }

    public static func predict(_ model: CatalogModel, file: ModelFile, on speed: MachineSpeed) -> SpeedPrediction {
        // An untied embedding table is looked up one row per token, not read in full.
        let readShare = Double(model.generationProductParameters) / Double(model.parameters)
        let bytesPerToken = Double(file.sizeBytes) * readShare + Double(model.kvBytesPerToken() * Int64(typicalPosition))
        let generationOperations = 2 * Double(model.generationProductParameters)
        let memorySeconds = bytesPerToken / speed.memoryBandwidth
        let computeSeconds = generationOperations / speed.generationFlops
        let seconds = max(memorySeconds, computeSeconds) / generationEfficiency
        let generation = 1 / seconds
        let prompt = speed.generationFlops * promptEfficiency / promptOperationsPerToken(model)
        // A measured machine was within about a third of these in checks; an estimate from facts
        // alone can be off by half either way (clock speeds and memory channels are unknown).
        let spread = speed.origin == .measured ? (low: 0.7, high: 1.3) : (low: 0.5, high: 1.5)
        return SpeedPrediction(
            generationTokensPerSecond: generation, generationRange: generation * spread.low...generation * spread.high,
            promptTokensPerSecond: prompt, limitedBy: memorySeconds >= computeSeconds ? .memoryBandwidth : .computation)
    }
}
