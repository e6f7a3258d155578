// `onramp bench MODEL`: prompt processing and generation speed, measured like llama-bench
// (pp512 and tg128, several repetitions, median tokens per second).

import ArgumentParser
import Engine
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast a model reads a prompt and writes tokens on this computer.",
        discussion: "Like llama-bench: pp = prompt processing, tg = text generation; the median of the repetitions.")

    @Argument(help: "The model file (.gguf).")
    var model: String

    @Option(name: .customShort("p"), help: "Prompt tokens to process (0 skips the test).")
    var promptTokens: Int = 512

    @Option(name: .customShort("n"), help: "Tokens to generate (0 skips the test).")
    var generatedTokens: Int = 128

    @Option(name: .customShort("r"), help: "Repetitions of each test.")
    var repetitions: Int = 5

    @OptionGroup var threadsOption: ThreadsOption

    @Flag(help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        if promptTokens < 0 || generatedTokens < 0 { throw ValidationError("-p and -n must be 0 or more.") }
        if repetitions < 1 { throw ValidationError("-r must be at least 1.") }
    }

    func run() throws {
        do {
            let loaded = try LoadedModel.open(path: model, threads: EngineSetup.threads(requested: threadsOption.threads), kernels: EngineSetup.kernels)
            let bench = SpeedBenchmark(model: loaded.model, repetitions: repetitions)
            var results: [SpeedBenchmark.Result] = []
            if promptTokens > 0 { results.append(try bench.promptProcessing(tokens: promptTokens)) }
            if generatedTokens > 0 { results.append(try bench.generation(tokens: generatedTokens)) }
            let name = URL(fileURLWithPath: model).lastPathComponent
            if json {
                StandardOutput.write(SpeedBenchmark.json(results, model: name, threads: loaded.model.pool.threadCount) + "\n")
            } else {
                StandardOutput.write(SpeedBenchmark.table(results, model: name, threads: loaded.model.pool.threadCount))
            }
        } catch {
            throw StandardError.fail(error)
        }
    }
}
