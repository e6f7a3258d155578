// The real `onramp doctor` binary (ONRAMP_BIN, set by scripts/test) on a profile: exit statuses,
// JSON on stdout, and --fix refusing to run anything without a terminal to ask in.

import Foundation
import Testing

private let binary = ProcessInfo.processInfo.environment["ONRAMP_BIN"]

private func onramp(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary ?? "/nonexistent")
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C.UTF-8"
    environment["TERM"] = "xterm-256color"
    process.environment = environment
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

@Suite("onramp doctor command", .enabled(if: binary != nil, "needs ONRAMP_BIN (run scripts/test)"))
struct DoctorCommandTests {
    static let profile = RepositoryFiles.root + "/Tests/DoctorTests/Fixtures/nvidia-uvm-unloaded"

    @Test("an error in the profile gives exit status 1 and the grouped summary")
    func exitStatus() throws {
        let result = try onramp(["doctor", "--profile", Self.profile])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[✗] Graphics card: NVIDIA GeForce RTX 3060 [10de:2504] (driver nvidia 550.54.15)"))
    }

    @Test("--json prints only the JSON document, with the profile path")
    func json() throws {
        let result = try onramp(["doctor", "--json", "--profile", Self.profile])
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["profile"] as? String == Self.profile)
        #expect(object?["schemaVersion"] as? Int == 1)
    }

    @Test("--fix without a terminal on standard input shows the fix but runs nothing")
    func fixNeedsTerminal() throws {
        let result = try onramp(["doctor", "--fix", "--profile", Self.profile])
        #expect(result.stdout.contains("Not running any fix"))
        #expect(!result.stdout.contains("Run these commands now?"))
        #expect(result.status == 1)
    }

    @Test("--fix with --json is a usage error (64)")
    func fixWithJSON() throws {
        let result = try onramp(["doctor", "--fix", "--json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--fix asks before changing anything"))
    }
}
