// One model as the recommender sees it on this machine: the file it would use, whether it fits,
// how fast it would be, and the reason in words.

public struct Candidate: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        /// Runs, fits with room to spare and is fast enough.
        case suitable
        /// Onramp's engine does not run this architecture yet.
        case engineCannotRun
        case tooLittleMemory
        case tooLittleDisk
        case tooSlow
        /// Free memory is unknown, so fit cannot be judged.
        case unknown
    }

    public let model: CatalogModel
    public let file: ModelFile
    public let verdict: Verdict
    public let fit: Fit
    public let speed: SpeedPrediction
    /// Already downloaded (found by the model discovery of the download step).
    public let onDisk: Bool
    /// Why, in a sentence a newcomer can follow.
    public let reason: String
    /// How much of it the graphics card the engine would use can hold; nil without such a card.
    public var card: CardFit? = nil

    public var isSuitable: Bool { verdict == .suitable }
}
