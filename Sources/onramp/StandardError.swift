// Messages for people go to standard error, so standard output carries only the model's text
// (or JSON) and can be piped.

import ArgumentParser
import Foundation

enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints `error` as "error: …" and returns the exit code for a failed command.
    static func fail(_ error: any Error) -> ExitCode {
        write("error: \(error)\n")
        return ExitCode(1)
    }
}

/// Writes model text to standard output at once, without waiting for a newline.
enum StandardOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
