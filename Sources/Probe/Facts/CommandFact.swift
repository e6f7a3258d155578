// The fate of one external command the probe considered, recorded so a missing tool is a fact, not a crash.

public struct CommandFact: Codable, Sendable, Equatable {
    public var argv: [String]
    public var outcome: CommandOutcome
    /// Exit status when it ran to the end.
    public var exitStatus: Int32?
    /// Why it was skipped or what went wrong, in words.
    public var note: String?

    public init(argv: [String], outcome: CommandOutcome, exitStatus: Int32? = nil, note: String? = nil) {
        self.argv = argv
        self.outcome = outcome
        self.exitStatus = exitStatus
        self.note = note
    }
}

public enum CommandOutcome: String, Codable, Sendable {
    /// Ran and exited 0.
    case succeeded
    /// Ran and exited non-zero or was killed by a signal.
    case failed
    /// Not on PATH.
    case notFound
    /// Found but could not be started.
    case couldNotStart
    /// Killed at its time-out.
    case timedOut
    /// Deliberately not run (a sleeping GPU, say); `note` says why.
    case skipped
}
