// The sampling options `run` and `chat` share, with llama.cpp's names and defaults; their ranges
// are in OptionRanges.

import ArgumentParser
import Engine

struct SamplingOptions: ParsableArguments {
    @Option(
        name: .customLong("temp"), parsing: .unconditional,
        help: OptionRanges.temperature.help("Randomness: 0 always picks the most likely word; higher is more varied."),
        transform: OptionRanges.temperature.parse)
    var temperature: Float = OptionRanges.temperature.defaultValue

    @Option(
        name: .customLong("top-k"), parsing: .unconditional,
        help: OptionRanges.topK.help("Choose only among the K most likely tokens; 0 keeps all."),
        transform: OptionRanges.topK.parse)
    var topK: Int = OptionRanges.topK.defaultValue

    @Option(
        name: .customLong("top-p"), parsing: .unconditional,
        help: OptionRanges.topP.help("Choose among the most likely tokens that together reach probability P; 1 keeps all."),
        transform: OptionRanges.topP.parse)
    var topP: Float = OptionRanges.topP.defaultValue

    @Option(
        name: .customLong("min-p"), parsing: .unconditional,
        help: OptionRanges.minP.help("Skip tokens less likely than P times the most likely one; 0 skips none."),
        transform: OptionRanges.minP.parse)
    var minP: Float = OptionRanges.minP.defaultValue

    @Option(
        name: .customLong("repeat-penalty"), parsing: .unconditional,
        help: OptionRanges.repeatPenalty.help("Discourage repeating the last 64 tokens; 1 turns it off."),
        transform: OptionRanges.repeatPenalty.parse)
    var repeatPenalty: Float = OptionRanges.repeatPenalty.defaultValue

    @Option(
        parsing: .unconditional,
        help: OptionRanges.seed.help("Start the random choices from this number, to get the same text again; without it, a new one each time."),
        transform: OptionRanges.seed.parse)
    var seed: UInt64?

    /// The engine checks the settings too (for every caller); at parse time its answer is a
    /// usage error with this command's usage.
    func validate() throws {
        if let problem = settings(seed: 0).problem { throw ValidationError(problem) }
    }

    /// The settings, with a new random seed when none was given.
    func settings() -> SamplingSettings {
        settings(seed: seed ?? UInt64.random(in: 0...UInt64.max))
    }

    private func settings(seed: UInt64) -> SamplingSettings {
        var settings = SamplingSettings()
        settings.temperature = temperature
        settings.topK = topK
        settings.topP = topP
        settings.minP = minP
        settings.repeatPenalty = repeatPenalty
        settings.seed = seed
        return settings
    }
}

/// Options every model command takes: how many threads and how much context.
struct EngineOptions: ParsableArguments {
    @OptionGroup var threadsOption: ThreadsOption
    var threads: Int { EngineSetup.threads(requested: threadsOption.threads) }

    @Option(
        parsing: .unconditional,
        help: OptionRanges.context.help("Tokens the model can keep in mind; without it, what the text needs (chat: 4096), at most what the model was trained for."),
        transform: OptionRanges.context.parse)
    var context: Int?

    @Option(name: .customLong("kv-cache"), help: "How the model's memory of the text stores numbers: f16 (2 bytes each, as llama.cpp; the default) or f32 (exact, twice the memory).")
    var kvCache: String = "f16"

    func validate() throws {
        if KVCache.Precision(rawValue: kvCache) == nil { throw ValidationError("--kv-cache must be f32 or f16.") }
    }

    var precision: KVCache.Precision { KVCache.Precision(rawValue: kvCache) ?? .f16 }
}
