// The programs the doctor's end-to-end tests drive. A missing one fails the test with what to do:
// a suite that quietly skipped itself would read as a pass.
import Foundation
import Testing

enum RequiredTools {
    /// The onramp binary under test, from ONRAMP_BIN (set by scripts/test).
    static func onramp(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let path = ProcessInfo.processInfo.environment["ONRAMP_BIN"] ?? ""
        try #require(!path.isEmpty, "ONRAMP_BIN is not set; run ./scripts/test, which builds onramp and sets it.",
                     sourceLocation: sourceLocation)
        try #require(FileManager.default.isExecutableFile(atPath: path), "ONRAMP_BIN=\(path) is not an executable file.",
                     sourceLocation: sourceLocation)
        return path
    }

    /// tmux, found on PATH as a person's shell would find it.
    static func tmux(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        let found = folders.map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "tmux is not installed; run scripts/install-deps (or apt-get install tmux).",
                            sourceLocation: sourceLocation)
    }
}
