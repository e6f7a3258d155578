// The sampling options `run` and `chat` share, with llama.cpp's names; their ranges are in
// OptionRanges. An option not given takes the model file's recommendation (its general.sampling.*
// keys) where it has one, else llama.cpp's default, as llama.cpp does.

import ArgumentParser
import Engine

struct SamplingOptions: ParsableArguments {
    @Option(
        name: .customLong("temp"), parsing: .unconditional,
        help: OptionRanges.temperature.helpAfterModel("Randomness: 0 always picks the most likely word; higher is more varied."),
        transform: OptionRanges.temperature.parse)
    var temperature: Float?

    @Option(
        name: .customLong("top-k"), parsing: .unconditional,
        help: OptionRanges.topK.helpAfterModel("Choose only among the K most likely tokens; 0 keeps all."),
        transform: OptionRanges.topK.parse)
    var topK: Int?

    @Option(
        name: .customLong("top-p"), parsing: .unconditional,
        help: OptionRanges.topP.helpAfterModel("Choose among the most likely tokens that together reach probability P; 1 keeps all."),
        transform: OptionRanges.topP.parse)
    var topP: Float?

    @Option(
        name: .customLong("min-p"), parsing: .unconditional,
        help: OptionRanges.minP.helpAfterModel("Skip tokens less likely than P times the most likely one; 0 skips none."),
        transform: OptionRanges.minP.parse)
    var minP: Float?

    @Option(
        name: .customLong("repeat-penalty"), parsing: .unconditional,
        help: OptionRanges.repeatPenalty.helpAfterModel("Discourage repeating the last 64 tokens; 1 turns it off."),
        transform: OptionRanges.repeatPenalty.parse)
    var repeatPenalty: Float?

    @Option(
        parsing: .unconditional,
        help: OptionRanges.seed.help("Start the random choices from this number, to get the same text again; without it, a new one each time."),
        transform: OptionRanges.seed.parse)
    var seed: UInt64?

    /// The engine checks the settings too (for every caller); at parse time its answer is a
    /// usage error with this command's usage.
    func validate() throws {
        if let problem = settings(over: SamplingSettings(), seed: 0).problem { throw ValidationError(problem) }
    }

    /// The options given, over `base` (the model's recommendation or llama.cpp's defaults), with
    /// a new random seed when none was given.
    func settings(over base: SamplingSettings = SamplingSettings()) -> SamplingSettings {
        settings(over: base, seed: seed ?? UInt64.random(in: 0...UInt64.max))
    }

    /// The options over what `model` recommends, and a note saying which values came from the
    /// file (nil when it recommends nothing): a model's own settings should never be a surprise.
    func settings(for model: LoadedModel) -> (settings: SamplingSettings, note: String?) {
        let recommended = SamplingSettings.recommended(by: model.file.metadata)
        var notes: [String] = []
        let given: [(String, Bool)] = [
            ("temperature", temperature != nil), ("top-k", topK != nil), ("top-p", topP != nil),
            ("min-p", minP != nil), ("repeat penalty", repeatPenalty != nil), ("repeat window", false),
        ]
        let used = recommended.taken.filter { name in !given.contains { $0.0 == name && $0.1 } }
        if !used.isEmpty { notes.append("sampling as the model file recommends: " + used.joined(separator: ", ")) }
        if !recommended.ignored.isEmpty {
            notes.append("left out unusable sampling settings in the file (\(recommended.ignored.joined(separator: ", "))); llama.cpp's defaults apply there")
        }
        return (settings(over: recommended.settings), notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    private func settings(over base: SamplingSettings, seed: UInt64) -> SamplingSettings {
        var settings = base
        if let temperature { settings.temperature = temperature }
        if let topK { settings.topK = topK }
        if let topP { settings.topP = topP }
        if let minP { settings.minP = minP }
        if let repeatPenalty { settings.repeatPenalty = repeatPenalty }
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
