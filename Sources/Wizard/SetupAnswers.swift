// What the Set up journey has learned and decided so far: the scanned machine, the chosen model,
// where its file is, and the self-test's verdict. Each step hands it to the next through `Flow`.
import Catalog
import Probe
import SelfTest

public struct SetupAnswers: Codable, Equatable, Sendable {
    /// The machine as the Scan step saw it; the recommendation is made from these facts.
    public var facts: MachineFacts?
    /// The model chosen on the Recommend screen (with the file, fit and predicted speed).
    public var choice: Candidate?
    /// The model file on disk, once downloaded or found in the store.
    public var modelPath: String?
    /// The self-test of `modelPath`, once it has run.
    public var selfTest: SelfTestReport?

    public init(facts: MachineFacts? = nil, choice: Candidate? = nil, modelPath: String? = nil, selfTest: SelfTestReport? = nil) {
        self.facts = facts
        self.choice = choice
        self.modelPath = modelPath
        self.selfTest = selfTest
    }
}
