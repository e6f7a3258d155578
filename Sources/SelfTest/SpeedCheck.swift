// Prompt and generation speed of the checked model on this machine, on the chosen path:
// short runs (the self-test should take seconds), so a rough figure rather than `onramp bench`.
import Engine

enum SpeedCheck {
    static let promptTokens = 64
    static let generatedTokens = 16

    static func run(_ loaded: LoadedModel, path: KernelPath) -> (SelfTestCheck, SpeedMeasurement?) {
        let started = Clock.now
        let bench = SpeedBenchmark(model: loaded.model, repetitions: 1)
        do {
            let prompt = try bench.promptProcessing(tokens: promptTokens)
            let generation = try bench.generation(tokens: generatedTokens)
            let speed = SpeedMeasurement(
                promptTokens: promptTokens, promptTokensPerSecond: prompt.median,
                generatedTokens: generatedTokens, generationTokensPerSecond: generation.median,
                threads: loaded.model.pool.threadCount)
            return (SelfTestCheck(
                group: .speed, name: "speed", path: path.rawValue, passed: true, measured: generation.median, limit: nil,
                detail: "reads a prompt at \(Format.number(prompt.median)) tokens/s, writes \(Format.number(generation.median)) tokens/s (\(speed.threads) threads)",
                seconds: Clock.since(started)), speed)
        } catch {
            return (SelfTestCheck(
                group: .speed, name: "speed", path: path.rawValue, passed: false, measured: nil, limit: nil,
                detail: "could not measure: \(error)", seconds: Clock.since(started)), nil)
        }
    }
}
