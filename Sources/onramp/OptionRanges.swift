// Every numeric option of every command, the values it accepts and its default, in one table.
// Limits that depend on the model (its trained context) are checked after it is read, in ModelLimits.
import Catalog

enum OptionRanges {
    /// A million tokens is far beyond any context Onramp can hold; the bound keeps sums of token
    /// counts far from overflowing.
    static let maximumTokens = 1_000_000

    static let runTokens = DefaultedNumber(NumberRange("-n", 0...maximumTokens, unit: "tokens"), default: 128)
    static let chatTokens = DefaultedNumber(NumberRange("-n", 1...maximumTokens, unit: "tokens"), default: 512)
    static let benchPromptTokens = DefaultedNumber(NumberRange("-p", 0...maximumTokens, unit: "tokens"), default: 512)
    static let benchGeneratedTokens = DefaultedNumber(NumberRange("-n", 0...maximumTokens, unit: "tokens"), default: 128)
    static let benchRepetitions = DefaultedNumber(NumberRange("-r", 1...1000), default: 5)
    static let threads = NumberRange("--threads", 1...512)
    static let context = NumberRange("--context", 1...maximumTokens, unit: "tokens")
    /// The recommender's default is the context it thinks worth its memory (each model gets less
    /// when it is trained for less or does not fit).
    static let recommendContext = DefaultedNumber(context, default: Fit.preferredContext)

    static let temperature = DefaultedNumber(NumberRange<Float>("--temp", 0...100), default: 0.8)
    static let topK = DefaultedNumber(NumberRange("--top-k", 0...maximumTokens, unit: "0 keeps every token"), default: 40)
    static let topP = DefaultedNumber(NumberRange<Float>("--top-p", moreThan: 0, atMost: 1, unit: "1 keeps every token"), default: 0.95)
    static let minP = DefaultedNumber(NumberRange<Float>("--min-p", 0...1, unit: "0 keeps every token"), default: 0.05)
    static let repeatPenalty = DefaultedNumber(NumberRange<Float>("--repeat-penalty", moreThan: 0, atMost: 100, unit: "1 turns it off"), default: 1)
    static let seed = NumberRange<UInt64>("--seed", 0...UInt64.max)

    static let probeTimeout = DefaultedNumber(NumberRange<Double>("--timeout", moreThan: 0, atMost: 600, unit: "seconds"), default: 3)
    static let kernelBenchSeconds = DefaultedNumber(NumberRange<Double>("--seconds", moreThan: 0, atMost: 60, unit: "seconds"), default: 0.3)
}
