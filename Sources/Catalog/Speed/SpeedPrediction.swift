// Predicted tokens per second for a model on a machine, composed from the engine's own parts as
// the live probe timed them (`MachineSpeed`):
// - writing an answer reads every weight once per token: each weight type's share at the rate
//   the engine's one-token product streams that type from memory (which is the kernel's own
//   speed where it cannot keep up with the memory), the output matrix at its type's rate, the
//   KV cache at the memory's speed; plus attention over the conversation so far, and a hand-off
//   to the worker threads for each job of each layer;
// - reading a prompt is bound by computation: the blocks' products at each weight type's batched
//   speed (not the embedding or output matrices, which a prompt token does not multiply), plus
//   attention over the batch.
// One named constant per direction covers the rest of the forward pass (norms, activation
// quantisation, SwiGLU, RoPE); the range says how far off a prediction of this kind was seen to be.

public struct SpeedPrediction: Codable, Sendable, Equatable {
    public enum Limit: String, Codable, Sendable {
        case memoryBandwidth
        case computation
    }

    /// Tokens per second while writing an answer.
    public let generationTokensPerSecond: Double
    /// The plausible range of `generationTokensPerSecond`.
    public let generationRange: ClosedRange<Double>
    /// Tokens per second while reading a prompt.
    public let promptTokensPerSecond: Double
    public let limitedBy: Limit

    /// English text averages about three words per four tokens.
    public static let wordsPerToken = 0.75
    /// Position in the conversation the KV cache read is counted at (a short chat).
    public static let typicalPosition = 512

    /// The prompt the prompt speed is predicted for (llama-bench's and `onramp bench`'s pp512).
    public static let promptTokens = 512

    /// Jobs the engine hands its worker threads per layer and token: query/key/value, attention,
    /// output projection, gate/up, down (TransformerModel's forward pass).
    static let handOffsPerLayer = 5

    /// Share of a token's time the weights, the cache and attention take while writing an answer;
    /// the rest is the forward pass's other steps. Fitted on the five models of
    /// `scripts/check-predictions` (docs/architecture.md, "Speed calibration"): the implied share
    /// was 0.82–0.99 for SmolLM2 and the 1B models but 0.62 for Gemma 3 270M, so 0.76 leaves each
    /// within about a quarter.
    static let generationEfficiency = 0.76

    /// The same share while reading a prompt: implied 0.63–0.71 for SmolLM2 (Q4_1) in three runs,
    /// 0.78–1.02 for the others, so 0.80 leaves each within about a quarter.
    static let promptEfficiency = 0.80

    public var generationWordsPerSecond: Double { generationTokensPerSecond * Self.wordsPerToken }

    /// Seconds the blocks' products take per token of a prompt: each weight type's share at that
    /// type's batched speed (the output matrix only runs for the last token).
    static func promptProductSeconds(_ model: CatalogModel, file: ModelFile, on speed: MachineSpeed) -> Double {
        let operations = 2 * Double(model.promptProductParameters)
        return WeightMix.shares(of: file).reduce(0) { total, part in
            total + operations * part.value / speed.promptFlops(for: part.key)
        }
    }

    /// Seconds attention takes per token attending to `positions` cache positions: every layer's
    /// heads each read that many positions of the cache, `headDimension` values each.
    static func attentionSeconds(_ model: CatalogModel, positions: Int, on speed: MachineSpeed) -> Double {
        Double(model.layers * model.headCount * model.headDimension * positions) * speed.attentionCost
    }

    /// Seconds the weights take per token while writing an answer: the blocks' weights at each
    /// type's streaming speed and the output matrix at its own.
    static func generationWeightSeconds(_ model: CatalogModel, file: ModelFile, on speed: MachineSpeed) -> Double {
        let blocks = Double(model.promptProductParameters)
        let output = Double(model.generationProductParameters) - blocks
        let blockSeconds = WeightMix.shares(of: file).reduce(0) { total, part in
            total + blocks * part.value / speed.streamingWeights(for: part.key)
        }
        return blockSeconds + output / speed.streamingWeights(for: WeightMix.outputType(of: file))
    }

    public static func predict(_ model: CatalogModel, file: ModelFile, on speed: MachineSpeed) -> SpeedPrediction {
        let weightSeconds = generationWeightSeconds(model, file: file, on: speed)
        let cacheSeconds = Double(model.kvBytesPerToken() * Int64(typicalPosition)) / speed.memoryBandwidth
        // The memory sets the pace when the kernels take less than a quarter longer than the
        // weights' bytes alone would at the memory's speed; otherwise the kernels do.
        let readShare = Double(model.generationProductParameters) / Double(model.parameters)
        let memorySeconds = Double(file.sizeBytes) * readShare / speed.memoryBandwidth
        let handOffs = Double(model.layers * handOffsPerLayer + 1) * speed.handOff
        let seconds = (weightSeconds + cacheSeconds + attentionSeconds(model, positions: typicalPosition, on: speed))
            / generationEfficiency + handOffs
        let generation = 1 / seconds
        // A batch attends to the whole batch (masked beyond each token), so every prompt token
        // pays for all `promptTokens` positions.
        let promptSeconds = (promptProductSeconds(model, file: file, on: speed)
            + attentionSeconds(model, positions: promptTokens, on: speed)) / promptEfficiency
        let prompt = 1 / promptSeconds
        // A measured machine was within about a third of these in checks; an estimate from facts
        // alone can be off by half either way (clock speeds and memory channels are unknown).
        let spread = speed.origin == .measured ? (low: 0.7, high: 1.3) : (low: 0.5, high: 1.5)
        return SpeedPrediction(
            generationTokensPerSecond: generation, generationRange: generation * spread.low...generation * spread.high,
            promptTokensPerSecond: prompt, limitedBy: memorySeconds >= weightSeconds * 0.8 ? .memoryBandwidth : .computation)
    }
}
