// The end-to-end checks on a model file: it opens and validates; the chosen kernel path and the
// reference twin give the same logits on a short prompt; it predicts a plain English paragraph
// (perplexity below its family's bound); one thread and every core agree bit for bit.
import Engine
import Foundation

enum ModelChecks {
    /// Tokens of the paragraph's start used for the path-against-reference comparison (short:
    /// the reference is slow).
    static let comparedTokens = 6

    static func run(path file: String, kernelPath: KernelPath, cores: Int) -> (checks: [SelfTestCheck], model: LoadedModel?) {
        var checks: [SelfTestCheck] = []
        let name = URL(fileURLWithPath: file).lastPathComponent
        var started = Clock.now
        let loaded: LoadedModel
        do {
            loaded = try LoadedModel.open(path: file, threads: cores)
            loaded.model.productKernel = .path(kernelPath)
        } catch {
            checks.append(SelfTestCheck(
                group: .model, name: "open \(name)", passed: false, measured: nil, limit: nil,
                // The engine's message already says what is wrong and what to do (a missing file
                // needs another path, not another download).
                detail: "\(error)", seconds: Clock.since(started)))
            return (checks, nil)
        }
        checks.append(SelfTestCheck(
            group: .model, name: "open \(name)", passed: true, measured: nil, limit: nil,
            detail: "\(loaded.file.tensors.count) tensors, sizes and offsets valid", seconds: Clock.since(started)))

        let tokens = loaded.tokenizer.encode(PerplexityBound.paragraph, addSpecial: true, parseSpecial: false)
        let prompt = Array(tokens.prefix(comparedTokens))

        // The chosen path against the reference twin.
        started = Clock.now
        let fast = try? lastLogits(loaded.model, prompt)
        loaded.model.productKernel = .reference
        let reference = try? lastLogits(loaded.model, prompt)
        loaded.model.productKernel = .path(kernelPath)
        let nmse = (fast != nil && reference != nil) ? KernelSelfCheck.normalisedError(fast!, reference!) : .nan
        let sameTop = fast.flatMap(top) != nil && fast.flatMap(top) == reference.flatMap(top)
        let agrees = SelfTestCheck.below(nmse, Limits.modelLogits) && sameTop
        checks.append(SelfTestCheck(
            group: .model, name: "\(kernelPath) against the reference on the model", path: kernelPath.rawValue, passed: agrees,
            measured: nmse, limit: Limits.modelLogits,
            detail: agrees ? "logits of a \(prompt.count)-token prompt agree, same most likely next token"
                : "the \(kernelPath) kernels and the reference disagree on this model (NMSE \(Format.number(nmse)), \(sameTop ? "same" : "different") most likely next token)",
            seconds: Clock.since(started)))

        // Perplexity of the paragraph.
        started = Clock.now
        let family: String? = (try? loaded.file.metadata.stringIfPresent("tokenizer.ggml.pre")) ?? nil
        let (bound, measuredFamily) = PerplexityBound.bound(family: family)
        let perplexity = (try? perplexity(loaded.model, tokens)) ?? .nan
        let sensible = SelfTestCheck.below(perplexity, bound)
        let familyWords = measuredFamily ? "the bound for the \(family ?? "") family" : "the bound for families not measured yet"
        checks.append(SelfTestCheck(
            group: .model, name: "perplexity of a built-in English paragraph", path: kernelPath.rawValue, passed: sensible,
            measured: perplexity, limit: bound,
            detail: sensible ? "\(Format.number(perplexity)) over \(tokens.count) tokens, below \(familyWords)"
                : "the model does not predict plain English (perplexity \(Format.number(perplexity)), \(familyWords) is \(Format.number(bound))): the file is probably damaged. \(downloadAgain)",
            seconds: Clock.since(started)))

        // One thread against every core.
        started = Clock.now
        if let many = fast, let single = try? LoadedModel.open(path: file, threads: 1) {
            single.model.productKernel = .path(kernelPath)
            let one = (try? lastLogits(single.model, prompt)) ?? []
            checks.append(ThreadChecks.model(oneThread: one, manyThreads: many, cores: cores, path: kernelPath, seconds: Clock.since(started)))
        }
        return (checks, loaded)
    }

    static let downloadAgain = "Download the model again (or choose another one)."

    private static func lastLogits(_ model: TransformerModel, _ tokens: [TokenID]) throws -> [Float] {
        try model.forward(tokens, cache: model.makeCache(capacity: tokens.count))
    }

    private static func top(_ logits: [Float]) -> Int? {
        logits.indices.max { logits[$0] < logits[$1] }
    }

    /// exp(mean negative log-likelihood of each next token); NaN if a logit is not finite.
    static func perplexity(_ model: TransformerModel, _ tokens: [TokenID]) throws -> Double {
        guard tokens.count > 1 else { return .nan }
        let vocabulary = model.shape.vocabulary
        let logits = try model.forward(tokens, cache: model.makeCache(capacity: tokens.count), allLogits: true)
        var total = 0.0
        for position in 0..<(tokens.count - 1) {
            let row = logits[(position * vocabulary)..<((position + 1) * vocabulary)]
            guard let maximum = row.max(), maximum.isFinite else { return .nan }
            let sum = row.reduce(0.0) { $0 + Foundation.exp(Double($1 - maximum)) }
            total += Foundation.log(sum) - Double(row[row.startIndex + Int(tokens[position + 1])] - maximum)
        }
        return Foundation.exp(total / Double(tokens.count - 1))
    }
}
