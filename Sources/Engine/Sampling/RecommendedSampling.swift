// The sampling a model file recommends: the `general.sampling.*` keys converters copy from a
// model's generation_config.json (the names gguf-py and llama.cpp use), over llama.cpp's defaults.

extension SamplingSettings {
    /// The metadata keys read, with the setting each one sets. llama.cpp also knows the sequence,
    /// XTC and mirostat keys; Onramp's sampler has no such stages, so those are not read.
    static let recommendationKeys: [(key: String, name: String)] = [
        ("general.sampling.temp", "temperature"),
        ("general.sampling.top_k", "top-k"),
        ("general.sampling.top_p", "top-p"),
        ("general.sampling.min_p", "min-p"),
        ("general.sampling.penalty_repeat", "repeat penalty"),
        ("general.sampling.penalty_last_n", "repeat window"),
    ]

    /// llama.cpp's defaults with each value the file recommends in its place. A value of the
    /// wrong type or out of range is left out (llama.cpp's default stays), and `ignored` names
    /// it, so a damaged key never stops a model from running.
    public static func recommended(by metadata: GGUFMetadata) -> (settings: SamplingSettings, taken: [String], ignored: [String]) {
        var settings = SamplingSettings()
        var taken: [String] = []
        var ignored: [String] = []
        for (key, name) in recommendationKeys where metadata[key] != nil {
            var trial = settings
            switch key {
            case "general.sampling.temp": trial.temperature = (try? metadata.floatIfPresent(key)) ?? .nan
            case "general.sampling.top_k": trial.topK = (try? metadata.integerIfPresent(key)) ?? -1
            case "general.sampling.top_p": trial.topP = (try? metadata.floatIfPresent(key)) ?? .nan
            case "general.sampling.min_p": trial.minP = (try? metadata.floatIfPresent(key)) ?? .nan
            case "general.sampling.penalty_repeat": trial.repeatPenalty = (try? metadata.floatIfPresent(key)) ?? .nan
            default: trial.repeatWindow = (try? metadata.integerIfPresent(key)) ?? -1
            }
            if trial.problem == nil {
                settings = trial
                taken.append(name)
            } else {
                ignored.append(key)
            }
        }
        return (settings, taken, ignored)
    }
}
