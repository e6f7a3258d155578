// The result of a self-test as a value: every check with its numbers, the kernel path Onramp
// uses from now on, paths it stopped using, and the measured speed. `onramp selftest --json`
// prints it; the report and the wizard read it. Schema: docs/selftest.md.

public struct SelfTestReport: Codable, Sendable, Equatable {
    /// Bumped when a field changes meaning or disappears.
    public var schemaVersion = 1
    public var passed: Bool
    /// The kernel path Onramp uses on this machine after this run.
    public var kernelPath: String
    /// Paths this CPU supports, slowest first.
    public var supportedPaths: [String]
    /// Paths Onramp had stopped using before this run (not checked again until `--reset`).
    public var disabledPaths: [String]
    /// Paths that failed in this run, which Onramp stops using from now on.
    public var newlyDisabledPaths: [String]
    /// The model file checked (its name, not its folder), if any.
    public var model: String?
    public var checks: [SelfTestCheck]
    public var speed: SpeedMeasurement?
    /// Sentences for people: what failed, what it means, what happens next.
    public var messages: [String]
    public var seconds: Double
    /// The graphics card: the device checked or why none was; nil when the run did not look
    /// (reports saved before this was added, or a caller that checks the processor only).
    public var graphicsCard: GraphicsCardReport?

    public var failedChecks: [SelfTestCheck] { checks.filter { !$0.passed } }

    public init(
        passed: Bool, kernelPath: String, supportedPaths: [String], disabledPaths: [String], newlyDisabledPaths: [String],
        model: String?, checks: [SelfTestCheck], speed: SpeedMeasurement?, messages: [String], seconds: Double,
        graphicsCard: GraphicsCardReport? = nil
    ) {
        self.passed = passed
        self.kernelPath = kernelPath
        self.supportedPaths = supportedPaths
        self.disabledPaths = disabledPaths
        self.newlyDisabledPaths = newlyDisabledPaths
        self.model = model
        self.checks = checks
        self.speed = speed
        self.messages = messages
        self.seconds = seconds
        self.graphicsCard = graphicsCard
    }
}

/// Prompt and generation speed on this machine, on the chosen path.
public struct SpeedMeasurement: Codable, Sendable, Equatable {
    public var promptTokens: Int
    public var promptTokensPerSecond: Double
    public var generatedTokens: Int
    public var generationTokensPerSecond: Double
    public var threads: Int

    public init(promptTokens: Int, promptTokensPerSecond: Double, generatedTokens: Int, generationTokensPerSecond: Double, threads: Int) {
        self.promptTokens = promptTokens
        self.promptTokensPerSecond = promptTokensPerSecond
        self.generatedTokens = generatedTokens
        self.generationTokensPerSecond = generationTokensPerSecond
        self.threads = threads
    }
}
