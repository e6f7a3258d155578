// The sampling options `run` and `chat` share, with llama.cpp's names and defaults.

import ArgumentParser
import Engine

struct SamplingOptions: ParsableArguments {
    @Option(name: .customLong("temp"), help: "Randomness: 0 always picks the most likely word; higher is more varied.")
    var temperature: Float = 0.8

    @Option(name: .customLong("top-k"), help: "Choose only among the K most likely tokens (0: all).")
    var topK: Int = 40

    @Option(name: .customLong("top-p"), help: "Choose among the most likely tokens that together reach probability P (1: all).")
    var topP: Float = 0.95

    @Option(name: .customLong("min-p"), help: "Skip tokens less likely than P times the most likely one (0: none).")
    var minP: Float = 0.05

    @Option(name: .customLong("repeat-penalty"), help: "Discourage repeating the last 64 tokens (1: off).")
    var repeatPenalty: Float = 1.0

    @Option(help: "Start the random choices from this number, to get the same text again (default: a new one each time).")
    var seed: UInt64?

    func settings() throws -> SamplingSettings {
        var settings = SamplingSettings()
        settings.temperature = temperature
        settings.topK = topK
        settings.topP = topP
        settings.minP = minP
        settings.repeatPenalty = repeatPenalty
        settings.seed = seed ?? UInt64.random(in: 0...UInt64.max)
        if let problem = settings.problem { throw ValidationError(problem) }
        return settings
    }
}

/// Options every model command takes: how many threads and how much context.
struct EngineOptions: ParsableArguments {
    @OptionGroup var threadsOption: ThreadsOption
    var threads: Int { EngineSetup.threads(requested: threadsOption.threads) }

    @Option(help: "Tokens the model can keep in mind (default: the model's own limit, at most 4096).")
    var context: Int?

    @Option(name: .customLong("kv-cache"), help: "How the model's memory rounds numbers: f16 (as llama.cpp, the default) or f32 (exact).")
    var kvCache: String = "f16"

    func validate() throws {
        if let context, context < 1 { throw ValidationError("--context must be at least 1 token.") }
        if KVCache.Precision(rawValue: kvCache) == nil { throw ValidationError("--kv-cache must be f32 or f16.") }
    }

    var precision: KVCache.Precision { KVCache.Precision(rawValue: kvCache) ?? .f16 }
}
