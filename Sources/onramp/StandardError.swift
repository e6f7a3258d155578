// Messages for people go to standard error, so standard output carries only the model's text
// (or JSON) and can be piped.

import ArgumentParser
import Foundation

enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints "onramp COMMAND: error: …" and returns the exit code for a failed command; the
    /// command's name tells which step failed when onramp runs inside a script.
    static func fail(_ error: any Error, in command: any ParsableCommand.Type) -> ExitCode {
        fail("\(error)", in: command)
    }

    static func fail(_ message: String, in command: any ParsableCommand.Type) -> ExitCode {
        let name = command.configuration.commandName.map { "onramp \($0)" } ?? "onramp"
        write("\(name): error: \(message)\n")
        return ExitCode(1)
    }
}

/// Writes model text to standard output at once, without waiting for a newline.
enum StandardOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
