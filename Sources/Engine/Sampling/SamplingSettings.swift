// How the next token is chosen from the model's scores; defaults follow llama.cpp's.

public struct SamplingSettings: Sendable, Equatable {
    /// 0 (or less) means greedy: always the most likely token.
    public var temperature: Float = 0.8
    /// Keep only the k most likely tokens; 0 keeps all.
    public var topK: Int = 40
    /// Keep the most likely tokens until their probabilities add up to p; 1 keeps all.
    public var topP: Float = 0.95
    /// Drop tokens less likely than minP × the most likely one's probability; 0 keeps all.
    public var minP: Float = 0.05
    /// Scores of recently seen tokens are divided by this (multiplied when negative); 1 is off.
    public var repeatPenalty: Float = 1.0
    /// How many of the latest tokens the repetition penalty looks at.
    var repeatWindow: Int = 64
    public var seed: UInt64 = 0

    public init() {}

    static let greedy: SamplingSettings = {
        var settings = SamplingSettings()
        settings.temperature = 0
        return settings
    }()

    var isGreedy: Bool { temperature <= 0 }

    /// A message for a value out of range, or nil when all are usable.
    public var problem: String? {
        if !temperature.isFinite { return "The temperature must be a number (0 means always pick the most likely word)." }
        if topK < 0 { return "--top-k must be 0 or more (0 keeps every token)." }
        if !(topP > 0 && topP <= 1) { return "--top-p must be more than 0 and at most 1 (1 keeps every token)." }
        if !(minP >= 0 && minP <= 1) { return "--min-p must be between 0 and 1 (0 keeps every token)." }
        if !(repeatPenalty > 0) || !repeatPenalty.isFinite { return "--repeat-penalty must be more than 0 (1 turns it off)." }
        if repeatWindow < 0 { return "The repetition window must be 0 or more tokens." }
        return nil
    }
}
