// The recommender's answer for one machine and goal: every model judged, the best first, and
// notes about how the numbers were made.

public struct Recommendation: Codable, Sendable, Equatable {
    public let goal: Goal
    /// nil when free memory could not be read.
    public let budget: MemoryBudget?
    public let speed: MachineSpeed
    /// Suitable models best first, then the others, closest misses first.
    public let candidates: [Candidate]
    /// Things the user should know: how speed was found, limits, a graphics card not yet used.
    public let notes: [String]

    public init(goal: Goal, budget: MemoryBudget?, speed: MachineSpeed, candidates: [Candidate], notes: [String]) {
        self.goal = goal
        self.budget = budget
        self.speed = speed
        self.candidates = candidates
        self.notes = notes
    }

    /// The model to use, if any qualifies.
    public var best: Candidate? { candidates.first(where: \.isSuitable) }
    public var suitable: [Candidate] { candidates.filter(\.isSuitable) }
    public var unsuitable: [Candidate] { candidates.filter { !$0.isSuitable } }
}
