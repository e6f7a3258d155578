// `onramp bench MODEL`: prompt processing and generation speed, measured like llama-bench
// (pp512 and tg128, several repetitions, median tokens per second).

import ArgumentParser
import Engine
import Foundation
import SelfTest

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast a model reads a prompt and writes tokens on this computer.",
        discussion: """
            Like llama-bench: pp = prompt processing, tg = text generation; the median of the repetitions. \
            The result is kept in $XDG_CONFIG_HOME/onramp/last-bench.json for `onramp report`.
            """)

    @OptionGroup var model: ModelFileArgument

    @Option(
        name: .customShort("p"), parsing: .unconditional,
        help: OptionRanges.benchPromptTokens.help("Prompt tokens to process (0 skips the test)."),
        transform: OptionRanges.benchPromptTokens.parse)
    var promptTokens: Int = OptionRanges.benchPromptTokens.defaultValue

    @Option(
        name: .customShort("n"), parsing: .unconditional,
        help: OptionRanges.benchGeneratedTokens.help("Tokens to generate (0 skips the test)."),
        transform: OptionRanges.benchGeneratedTokens.parse)
    var generatedTokens: Int = OptionRanges.benchGeneratedTokens.defaultValue

    @Option(
        name: .customShort("r"), parsing: .unconditional,
        help: OptionRanges.benchRepetitions.help("Repetitions of each test (after one warm-up run)."),
        transform: OptionRanges.benchRepetitions.parse)
    var repetitions: Int = OptionRanges.benchRepetitions.defaultValue

    @OptionGroup var threadsOption: ThreadsOption
    @OptionGroup var gpu: GPUOptions

    @Flag(help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        if promptTokens == 0 && generatedTokens == 0 {
            throw ValidationError("-p 0 and -n 0 skip both tests, so there is nothing to measure; give -p or -n more than 0.")
        }
    }

    func run() throws {
        do {
            let loaded = try ModelLoading.open(model.path, threads: EngineSetup.threads(requested: threadsOption.threads))
            try ModelLimits.checkBench(
                promptTokens: promptTokens, generatedTokens: generatedTokens, trained: loaded.model.shape.contextLength)
            let card = try gpu.place(loaded, capacity: promptTokens + generatedTokens + 1)
            var bench = SpeedBenchmark(model: loaded.model, repetitions: repetitions)
            bench.onRun = { test, run, runs in
                TerminalProgress.status("bench: \(test), run \(run) of \(runs)\(run == 1 ? " (warm-up)" : "")…")
            }
            var results: [SpeedBenchmark.Result] = []
            if promptTokens > 0 { results.append(try bench.promptProcessing(tokens: promptTokens)) }
            if generatedTokens > 0 { results.append(try bench.generation(tokens: generatedTokens)) }
            TerminalProgress.clearStatus()
            let name = model.name
            let tests = results.map {
                SavedBench.Test(test: $0.test, tokens: $0.tokens, medianTokensPerSecond: $0.median, standardDeviation: $0.standardDeviation)
            }
            // Kept for `onramp report`; a measurement that could not be saved is still shown.
            do {
                try SavedResults.save(
                    SavedBench(date: Date(), model: name, threads: loaded.model.pool.threadCount, tests: tests),
                    to: SavedResults.benchFile())
            } catch {
                StandardError.write("warning: \(error)\n")
            }
            if json {
                StandardOutput.write(SpeedBenchmark.json(
                    results, model: name, threads: loaded.model.pool.threadCount, device: card?.device, gpuLayers: card?.layers ?? 0) + "\n")
            } else {
                StandardOutput.write(SpeedBenchmark.table(results, model: name, threads: loaded.model.pool.threadCount))
                let opening = try SpeedBenchmark.openingTime(path: model.path)
                let milliseconds = Double(opening.components.seconds) * 1000 + Double(opening.components.attoseconds) / 1e15
                StandardOutput.write(String(format: "\nOpening and checking the file: %.1f ms (fastest of 5).\n", milliseconds))
            }
        } catch let problem as UsageProblem {
            throw problem.report(for: Self.self)
        } catch {
            TerminalProgress.clearStatus()
            throw StandardError.fail(error, in: Self.self)
        }
    }
}
