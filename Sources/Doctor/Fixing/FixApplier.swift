// Runs an agreed fix on a machine, then probes it again and re-runs the checks.

import PlainText
import Probe

/// A machine a fix can be run on: the live one, or a replayed profile.
public protocol FixTarget: Sendable {
    /// Runs one command, passing its output to `output` as it comes.
    func run(_ argv: [String], output: @Sendable (String) -> Void) -> FixCommandOutcome
    /// The machine's facts now (after whatever has run).
    func probe() -> MachineFacts
}

public struct FixApplier: Sendable {
    public var runner: CheckRunner

    public init(runner: CheckRunner = CheckRunner()) {
        self.runner = runner
    }

    /// Runs the commands in order, stopping at the first that fails, then checks again.
    /// Call only after `FixOffer.isConsent` said yes: this changes the machine.
    public func apply(_ offer: FixOffer, on target: some FixTarget, output: @Sendable (String) -> Void = { _ in })
        -> FixOutcome
    {
        var outcomes: [FixCommandOutcome] = []
        for argv in offer.argvs {
            output("$ " + ShellQuote.line(argv) + "\n")
            let outcome = target.run(argv, output: output)
            outcomes.append(outcome)
            if !outcome.succeeded { break }
        }
        let facts = target.probe()
        return FixOutcome(offer: offer, commands: outcomes, after: runner.examine(facts), factsAfter: facts)
    }
}
