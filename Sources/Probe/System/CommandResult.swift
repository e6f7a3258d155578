// What happened when an external program ran: how it ended and what it printed (capped).

public struct CommandResult: Codable, Sendable, Equatable {
    public enum Ending: String, Codable, Sendable {
        /// It ended by itself; `exitStatus` says how (128 + signal when a signal ended it), or is nil
        /// when its status could not be read (`message` says why).
        case exited
        /// Killed at its time-out.
        case timedOut
        /// It could not be started (not executable, not found, out of resources).
        case couldNotStart
    }

    public var argv: [String]
    public var outcome: Ending
    public var exitStatus: Int32?
    /// Why it could not start, in words.
    public var message: String?
    /// Output beyond the cap was read and thrown away.
    public var truncated: Bool?
    public var stdout: String
    public var stderr: String

    /// The output cap for each stream: enough for any tool we read, small enough to never hurt.
    public static let outputCap = 1 << 20

    public init(
        argv: [String], outcome: Ending, exitStatus: Int32? = nil, message: String? = nil,
        truncated: Bool? = nil, stdout: String = "", stderr: String = ""
    ) {
        self.argv = argv
        self.outcome = outcome
        self.exitStatus = exitStatus
        self.message = message
        self.truncated = truncated
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Profiles keep the output in their own files, so the JSON holds only how it ended.
    enum CodingKeys: String, CodingKey {
        case argv, outcome, exitStatus, message, truncated
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        argv = try container.decode([String].self, forKey: .argv)
        outcome = try container.decode(Ending.self, forKey: .outcome)
        exitStatus = try container.decodeIfPresent(Int32.self, forKey: .exitStatus)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        truncated = try container.decodeIfPresent(Bool.self, forKey: .truncated)
        stdout = ""
        stderr = ""
    }

    public var succeeded: Bool { outcome == .exited && exitStatus == 0 }
}
