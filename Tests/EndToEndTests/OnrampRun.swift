// Runs the onramp binary under test (ONRAMP_BIN) to completion with standard output and standard
// error kept apart, for the command tests (runProgram in TmuxSession.swift merges the two).
import Foundation
import Testing

struct OnrampRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// `input` is written to standard input, which is then closed; `environment` adds to or replaces
/// variables of the test's own environment (with a configuration folder of the run's own, see
/// `withOwnConfigFolder`).
func runOnramp(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> OnrampRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try OnrampBinary.path())
    process.arguments = arguments
    process.environment = withOwnConfigFolder(ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                              unlessSetIn: environment)
    let out = Pipe(), err = Pipe(), stdin = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return OnrampRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: stderr, as: UTF8.self))
}

/// Every run gets an empty configuration folder of its own unless the test names one: `selftest`
/// and `bench` save their last results (and the self-test its switched-off kernel paths) under
/// `$XDG_CONFIG_HOME/onramp`, and the suite must neither write into the developer's own folder nor
/// let one run see what an earlier one saved.
func withOwnConfigFolder(_ environment: [String: String], unlessSetIn explicit: [String: String]) -> [String: String] {
    guard explicit["XDG_CONFIG_HOME"] == nil else { return environment }
    var isolated = environment
    isolated["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory
        .appendingPathComponent("onramp-test-config-\(UUID().uuidString)").path
    return isolated
}
