// `onramp selftest` as a user runs it: the real binary, a private config folder, the real model.

import Foundation
import Testing
import TestSupport

@Suite("onramp selftest", .onOwnThread)
struct SelftestCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var model: String {
        let folder = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"].map { URL(fileURLWithPath: $0) }
            ?? repository.appendingPathComponent(".models")
        return folder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path
    }

    func temporaryConfig() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onramp-selftest-e2e-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("selftest MODEL puts the measured speed beside onramp recommend's prediction for a file the catalog knows")
    func speedBesidePrediction() throws {
        let run = try runOnramp(["selftest", Self.model])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("prediction (onramp recommend, SmolLM2 135M Instruct)") },
                                "no prediction line in:\n\(run.stdout)")
        // Both speeds with a measured figure, a predicted one and how far apart they are.
        #expect(line.contains("prompt of ") && line.contains("answers: "))
        #expect(line.components(separatedBy: " tokens/s, predicted ").count == 3, "\(line)")
        #expect(line.components(separatedBy: "(measured ").count == 3, "\(line)")
    }

    @Test("selftest MODEL --json passes, with every documented top-level field")
    func jsonWithModel() throws {
        let config = try temporaryConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        let run = try runOnramp(["selftest", Self.model, "--json"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == true)
        for field in ["schemaVersion", "kernelPath", "supportedPaths", "disabledPaths", "newlyDisabledPaths", "model", "checks", "speed", "messages", "seconds"] {
            #expect(json[field] != nil, "missing \(field)")
        }
        #expect((json["checks"] as? [[String: Any]])?.contains { $0["group"] as? String == "model" } == true)
    }

    @Test("a result that cannot be kept for onramp report is said in the result, not as a warning on standard error")
    func unsavableResult() throws {
        let config = try temporaryConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        // Onramp's folder is a file here, so nothing can be saved in it (nothing was disabled either).
        try Data("not a folder".utf8).write(to: config.appendingPathComponent("onramp"))
        let run = try runOnramp(["selftest"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Onramp cannot save the result in "), "\(run.stdout)")
        #expect(run.stdout.contains("for `onramp report`"))
        #expect(run.stdout.contains("The self-test itself is not affected."))
        // Under the wizard, standard error would land on top of the full-screen frame.
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test("a path recorded as disabled is not used or checked; --reset forgets it")
    func disabledPathAndReset() throws {
        let config = try temporaryConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        let first = try runOnramp(["selftest", "--json"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let supported = try #require(report["supportedPaths"] as? [String])
        try #require(supported.count > 1, "this test needs a CPU with at least two kernel paths")
        let fastest = try #require(supported.last)

        let file = config.appendingPathComponent("onramp/disabled-kernel-paths.json")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"paths":[{"path":"\#(fastest)","reason":"test"}]}"#.utf8).write(to: file)
        let second = try runOnramp(["selftest"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(second.status == 0)
        #expect(second.stdout.contains("kernel path: \(supported[supported.count - 2])"))
        #expect(second.stdout.contains("not used: \(fastest)"))

        let reset = try runOnramp(["selftest", "--reset", "--json"], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(reset.status == 0)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let after = try #require(try JSONSerialization.jsonObject(with: Data(reset.stdout.utf8)) as? [String: Any])
        #expect(after["kernelPath"] as? String == fastest)
        #expect((after["disabledPaths"] as? [String])?.isEmpty == true)
    }
}
