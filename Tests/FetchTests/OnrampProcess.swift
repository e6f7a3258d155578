// Runs the real `onramp` binary (ONRAMP_BIN) to the end, as a user would, for the tests that
// check commands end to end.

import Foundation

enum OnrampProcess {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ binary: String, _ arguments: [String], _ environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        // Standard error goes to a file, so neither stream can fill a pipe and block the child.
        let errorPath = NSTemporaryDirectory() + "onramp-stderr-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errorFile = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardError = errorFile
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorFile.close()
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self), errors: errors)
    }
}
