// What a generation produced and why it stopped, with the timings `run` and `bench` report.

public struct GenerationResult: Sendable, Equatable {
    public enum StopReason: String, Sendable {
        /// The model ended its answer (end-of-generation token).
        case endOfGeneration
        /// The requested number of tokens was reached.
        case tokenLimit
        /// Someone pressed Ctrl-C (or the caller raised the flag).
        case cancelled
        /// The context (the model's memory for this conversation) is full.
        case contextFull
    }

    /// The tokens generated, without the end-of-generation token.
    public var tokens: [TokenID]
    public var stopReason: StopReason
    public var promptTokenCount: Int
    var promptSeconds: Double
    var generationSeconds: Double

    /// Prompt tokens processed per second.
    public var promptSpeed: Double { promptSeconds > 0 ? Double(promptTokenCount) / promptSeconds : 0 }
    /// Tokens generated per second (each after the first costs one forward pass).
    public var generationSpeed: Double { generationSeconds > 0 ? Double(tokens.count) / generationSeconds : 0 }
}
