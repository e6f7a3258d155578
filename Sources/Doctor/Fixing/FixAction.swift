// A fix Onramp can run itself, after showing exactly what it will do and getting a yes.

import PlainText

public struct FixAction: Sendable, Equatable, Codable {
    /// What happens after the commands so the change takes effect.
    public enum Afterwards: String, Sendable, Codable {
        case nothing
        case logOutAndIn = "log-out-and-in"
        case reboot
    }

    /// Names the action in tests and replayed profiles (`profiles/X/fixes/<id>/`).
    public var id: String
    /// What it changes on the system, in one sentence.
    public var changes: String
    /// The commands, each as argv, run in order; stops at the first that fails.
    public var commands: [[String]]
    /// Whether the commands need root (they are then run through `sudo`).
    public var needsRoot: Bool
    public var afterwards: Afterwards

    public init(
        id: String, changes: String, commands: [[String]], needsRoot: Bool,
        afterwards: Afterwards = .nothing
    ) {
        self.id = id
        self.changes = changes
        self.commands = commands
        self.needsRoot = needsRoot
        self.afterwards = afterwards
    }

    /// The commands as they will run, with `sudo` in front when needed and not already root.
    public func argvs(runningAsRoot: Bool) -> [[String]] {
        commands.map { needsRoot && !runningAsRoot ? ["sudo"] + $0 : $0 }
    }

    /// The commands as a person would type them, quoted where needed.
    public func displayLines(runningAsRoot: Bool) -> [String] {
        argvs(runningAsRoot: runningAsRoot).map(ShellQuote.line)
    }
}
