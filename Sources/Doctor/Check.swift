// A check: a pure function from what the probe found to what is wrong, documented by its kinds.

import Probe

public protocol Check: Sendable {
    /// Names the check in "could not run" findings; usually the main finding id's prefix.
    var id: String { get }
    var area: Area { get }
    /// Every finding this check can report, for `docs/troubleshooting.md` and `--list-checks`.
    var kinds: [FindingKind] { get }
    /// Throws when the facts are too odd to decide; never traps (see `CheckRunner`).
    func run(_ facts: MachineFacts) throws -> [Finding]
}

/// Thrown by checks when a fact they rely on makes no sense (negative sizes, unparsable versions).
public struct OddFact: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
