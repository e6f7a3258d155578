// Predicted tokens per second for a model on a machine. Generation reads every weight once per
// token, so it is memory bandwidth ÷ bytes per token, unless the kernels cannot keep up with the
// memory (small models, slow kernels); prompt reading is bound by computation, so it is kernel
// throughput ÷ operations per token. Calibrated against `onramp bench` on the reference machine;
// the range says how far off a prediction of this kind was seen to be.

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

    /// Share of the measured bandwidth the whole forward pass reaches (attention, norms, thread
    /// hand-offs), and prompt tokens per second per token-at-a-time kernel operation per second,
    /// from `onramp bench` on the reference machine (two runs agreed within 3 %; a separately timed
    /// batch kernel varied threefold on the loaded machine, so the prompt is scaled from this one).
    static let generationEfficiency = 0.62
    static let promptEfficiency = 0.155

    public var generationWordsPerSecond: Double { generationTokensPerSecond * Self.wordsPerToken }

    public static func predict(_ model: CatalogModel, file: ModelFile, on speed: MachineSpeed) -> SpeedPrediction {
        let bytesPerToken = Double(file.sizeBytes) + Double(model.kvBytesPerToken() * Int64(typicalPosition))
        let operationsPerToken = 2 * Double(model.parameters)
        let memorySeconds = bytesPerToken / speed.memoryBandwidth
        let computeSeconds = operationsPerToken / speed.generationFlops
        let seconds = max(memorySeconds, computeSeconds) / generationEfficiency
        let generation = 1 / seconds
        let prompt = speed.generationFlops * promptEfficiency / operationsPerToken
        // A measured machine was within about a third of these in checks; an estimate from facts
        // alone can be off by half either way (clock speeds and memory channels are unknown).
        let spread = speed.origin == .measured ? (low: 0.7, high: 1.3) : (low: 0.5, high: 1.5)
        return SpeedPrediction(
            generationTokensPerSecond: generation, generationRange: generation * spread.low...generation * spread.high,
            promptTokensPerSecond: prompt, limitedBy: memorySeconds >= computeSeconds ? .memoryBandwidth : .computation)
    }
}
