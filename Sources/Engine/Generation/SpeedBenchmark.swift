// Speed tests like llama-bench's: "pp" processes a prompt of N tokens in batches, "tg"
// generates N tokens one at a time from an empty context; each is repeated after one warm-up
// run and reported as the median tokens per second.

import Foundation

public struct SpeedBenchmark {
    public let model: any LanguageModel
    public let repetitions: Int
    /// Called before each run with the test's name, the run's number and the number of runs
    /// (the warm-up included), so a command can show progress.
    public var onRun: (_ test: String, _ run: Int, _ runs: Int) -> Void = { _, _, _ in }

    public init(model: any LanguageModel, repetitions: Int) {
        self.model = model
        self.repetitions = max(1, repetitions)
    }

    public struct Result: Sendable, Equatable {
        /// "pp512" or "tg128".
        public var test: String
        public var tokens: Int
        var tokensPerSecond: [Double]

        public var median: Double {
            let sorted = tokensPerSecond.sorted()
            guard !sorted.isEmpty else { return 0 }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }

        public var standardDeviation: Double {
            guard tokensPerSecond.count > 1 else { return 0 }
            let mean = tokensPerSecond.reduce(0, +) / Double(tokensPerSecond.count)
            let variance = tokensPerSecond.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(tokensPerSecond.count - 1)
            return variance.squareRoot()
        }
    }

    public func promptProcessing(tokens: Int) throws(ModelError) -> Result {
        let prompt = Self.syntheticTokens(count: tokens, vocabulary: model.vocabularySize)
        let speeds = try measure("pp\(tokens)", tokens: tokens) { () throws(ModelError) in
            let cache = try model.makeCache(capacity: tokens)
            _ = try model.forward(prompt, cache: cache)
        }
        return Result(test: "pp\(tokens)", tokens: tokens, tokensPerSecond: speeds)
    }

    public func generation(tokens: Int) throws(ModelError) -> Result {
        let inputs = Self.syntheticTokens(count: tokens, vocabulary: model.vocabularySize)
        let speeds = try measure("tg\(tokens)", tokens: tokens) { () throws(ModelError) in
            let cache = try model.makeCache(capacity: tokens)
            for token in inputs { _ = try model.forward([token], cache: cache) }
        }
        return Result(test: "tg\(tokens)", tokens: tokens, tokensPerSecond: speeds)
    }

    private func measure(_ test: String, tokens: Int, _ body: () throws(ModelError) -> Void) throws(ModelError) -> [Double] {
        onRun(test, 1, repetitions + 1)
        try body()
        var speeds: [Double] = []
        for repetition in 0..<repetitions {
            onRun(test, repetition + 2, repetitions + 1)
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            speeds.append(Double(tokens) / seconds)
        }
        return speeds
    }

    /// How long opening and checking the model file takes (mapping it and validating every
    /// header, metadata entry and tensor record): the fastest of `times` openings, so the page
    /// cache is warm as it is for every run after the first.
    public static func openingTime(path: String, times: Int = 5) throws(GGUFError) -> Duration {
        let clock = ContinuousClock()
        var fastest = Duration.seconds(Int64.max)
        for _ in 0..<max(1, times) {
            let start = clock.now
            _ = try GGUFFile(path: path)
            fastest = min(fastest, clock.now - start)
        }
        return fastest
    }

    /// Reproducible token ids spread over the vocabulary (llama-bench also uses arbitrary ids).
    static func syntheticTokens(count: Int, vocabulary: Int) -> [TokenID] {
        var random = SeededRandom(seed: 1234)
        return (0..<count).map { _ in TokenID(random.next() % UInt64(vocabulary)) }
    }

    public static func table(_ results: [Result], model: String, threads: Int) -> String {
        var text = "| model | threads | test | t/s (median) | ± |\n| --- | ---: | ---: | ---: | ---: |\n"
        for result in results {
            text += "| \(model) | \(threads) | \(result.test) | \(String(format: "%.2f", result.median)) | "
                + "\(String(format: "%.2f", result.standardDeviation)) |\n"
        }
        return text
    }

    /// `device` and `gpuLayers`: the graphics card the first layers ran on, when they did (as
    /// llama-bench reports its backend and -ngl); absent from the items otherwise.
    public static func json(_ results: [Result], model: String, threads: Int, device: String? = nil, gpuLayers: Int = 0) -> String {
        let items = results.map { result -> [String: Any] in
            var item: [String: Any] = [
                "model": model, "threads": threads, "test": result.test, "tokens": result.tokens,
                "median_tokens_per_second": result.median, "stddev_tokens_per_second": result.standardDeviation,
                "samples_tokens_per_second": result.tokensPerSecond,
            ]
            if let device {
                item["device"] = device
                item["gpu_layers"] = gpuLayers
            }
            return item
        }
        guard let data = try? JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys]) else {
            return "[]"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
