// The real `onramp doctor` binary (ONRAMP_BIN, set by scripts/test) on a profile: exit statuses,
// JSON on stdout, and --fix refusing to run anything without a terminal to ask in.

import Foundation
import Testing

private func onramp(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try RequiredTools.onramp())
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

@Suite("onramp doctor command")
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

    @Test("--fix with nothing wrong says so instead of pointing at steps that are not there")
    func fixWithNothingToFix() throws {
        let result = try onramp(["doctor", "--fix", "--profile", RepositoryFiles.root + "/profiles/desktop-rtx3060-ubuntu2204"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("\nNothing to fix: no problem was found.\n"))
        #expect(!result.stdout.contains("steps shown above"))
    }

    @Test("--fix with problems but no fix of Onramp's own points to the steps it printed")
    func fixWithOnlyManualSteps() throws {
        let result = try onramp(["doctor", "--fix", "--profile", RepositoryFiles.root + "/profiles/old-laptop-no-avx2"])
        #expect(result.stdout.contains("Fix: "))
        #expect(result.stdout.hasSuffix("\nNone of these can be fixed by Onramp itself; follow the steps shown above.\n"))
    }

    @Test("a missing --profile folder is a usage error with doctor's usage, not onramp's")
    func missingProfile() throws {
        let result = try onramp(["doctor", "--profile", "/nonexistent/profile"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("There is no machine profile folder at /nonexistent/profile"))
        #expect(result.stderr.contains("Usage: onramp doctor [--profile <dir>]"))
    }

    @Test("--fix with --json is a usage error (64)")
    func fixWithJSON() throws {
        let result = try onramp(["doctor", "--fix", "--json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--fix asks before changing anything"))
    }
}
