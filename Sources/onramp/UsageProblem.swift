// A usage error found only while a command runs (a value too large for the model just read),
// printed as argument-parser prints the ones it finds while parsing: the message, then the
// usage of the subcommand that was run (not the top-level one), exit status 64.
import ArgumentParser

struct UsageProblem: Error, Equatable, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }

    /// Prints the message with `command`'s usage and returns the exit code for a usage error.
    func report(for command: any ParsableCommand.Type) -> ExitCode {
        let name = command.configuration.commandName ?? ""
        let usage = Onramp.usageString(for: command)
        StandardError.write("Error: \(message)\nUsage: \(usage)\n  See 'onramp \(name) --help' for more information.\n")
        return .validationFailure
    }
}
