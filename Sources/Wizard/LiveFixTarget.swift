// Runs an agreed fix on this machine: the commands share the terminal (so sudo can ask for a
// password and their output streams as it comes), then the machine is probed again. The live side
// of `Doctor`'s fix plans, kept here in the shell so Doctor stays pure values; `onramp doctor --fix`
// and the wizard's Checks screen both use it.

import Doctor
import LiveMachine
import PlainText
import Probe

public struct LiveFixTarget: FixTarget {
    /// Where programs are looked up (PATH) and where the machine is probed again afterwards.
    let system: LiveSystem

    public init() {
        system = LiveSystem()
    }

    public func run(_ argv: [String], output: @Sendable (String) -> Void) -> FixCommandOutcome {
        let line = ShellQuote.line(argv)
        guard let program = argv.first, let path = system.findProgram(program) else {
            return FixCommandOutcome(
                commandLine: line, exitStatus: nil,
                problem: "\(argv.first ?? "the program") is not installed (not found on PATH)")
        }
        // The output goes straight to the terminal, not through `output`: sudo's prompt and a
        // package manager's progress need the real terminal.
        switch ProcessRunner.runSharingTerminal([path] + argv.dropFirst()) {
        case .exited(let status):
            return FixCommandOutcome(commandLine: line, exitStatus: status, problem: nil)
        case .couldNotStart(let why):
            return FixCommandOutcome(commandLine: line, exitStatus: nil, problem: "it could not start: \(why)")
        case .statusUnknown(let why):
            return FixCommandOutcome(commandLine: line, exitStatus: nil, problem: "its exit status could not be read (\(why))")
        }
    }

    public func probe() -> MachineFacts {
        Prober(source: system).gather()
    }
}
