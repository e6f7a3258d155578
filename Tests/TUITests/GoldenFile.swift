// Compares rendered frames, characters and styles, with the expected text in Golden/;
// ONRAMP_UPDATE_GOLDEN=1 rewrites them instead (only scripts/update-golden sets it; scripts/test
// refuses to run with it), so changes show up as reviewable diffs.
import Foundation
import Testing
import TUI

enum GoldenFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool {
        ProcessInfo.processInfo.environment["ONRAMP_UPDATE_GOLDEN"] == "1"
    }

    static func check(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name + ".txt")
        let actual = frame.text + "\n" + StyleRuns.describe(frame) + "\n"
        if updating {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("No golden file \(url.path); run scripts/update-golden and review the new file.", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "frame \(name) differs from \(url.lastPathComponent):\n\(actual)", sourceLocation: sourceLocation)
    }
}
