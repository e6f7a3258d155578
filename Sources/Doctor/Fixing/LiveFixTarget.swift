// Runs a fix on this machine: the commands share the terminal (so sudo can ask for a password and
// their output streams as it comes), then the machine is probed again.

import Foundation
import Probe

public struct LiveFixTarget: FixTarget {
    public init() {}

    public func run(_ argv: [String], output: @Sendable (String) -> Void) -> FixCommandOutcome {
        let line = argv.map(ShellQuote.quote).joined(separator: " ")
        guard let program = argv.first, let path = Self.find(program) else {
            return FixCommandOutcome(
                commandLine: line, exitStatus: nil,
                problem: "\(argv.first ?? "the program") is not installed (not found on PATH)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(argv.dropFirst())
        // Inherited standard input/output: the user sees progress and answers prompts directly.
        process.standardInput = FileHandle.standardInput
        process.standardOutput = FileHandle.standardOutput
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            return FixCommandOutcome(commandLine: line, exitStatus: nil, problem: "it could not start: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return FixCommandOutcome(commandLine: line, exitStatus: status, problem: nil)
    }

    public func probe() -> MachineFacts {
        Prober(source: LiveSystem()).gather()
    }

    static func find(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        return folders.map { $0 + "/" + program }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
