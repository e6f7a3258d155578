// `onramp report` as a user runs it: the real binary, a profile with planted secrets, this
// machine with a planted token and proxy password in its environment.

import Foundation
import Testing
import TestSupport

@Suite("onramp report", .onOwnThread)
struct ReportCommandTests {
    static let planted = ProbeCommandTests.repository + "/Tests/ReportTests/Fixtures/planted-secrets"
    static let secrets = ["jdoe-planted", "planted-host", "10.20.30.40", "hf_plantedToken", "planted-pass", "4c4c4544-0042"]

    @Test("prints Markdown for the user to read first, with no planted value, and the finding ids")
    func printsMarkdown() throws {
        let run = try runOnramp(["report", "--profile", Self.planted])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("## Onramp diagnostics report"))
        #expect(run.stdout.contains("`runtime.port-11434-in-use`"))
        #expect(run.stdout.contains("NVIDIA GeForce RTX 3060"))
        for secret in Self.secrets { #expect(!run.stdout.contains(secret), "\(secret) leaked") }
    }

    @Test("this computer: a token and a proxy password in the environment never appear; saved self-test included")
    func liveEnvironment() throws {
        let config = NSTemporaryDirectory() + "onramp-report-config-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: config) }
        let environment = [
            "HF_TOKEN": "hf_plantedTokenAbCdEf0123456789", "https_proxy": "http://u:planted-pass@proxy:3128",
            "XDG_CONFIG_HOME": config, "ONRAMP_HOME": config + "/no-models",
        ]
        let run = try runOnramp(["report", "--json"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["schemaVersion"] as? Int == 1)
        #expect(!run.stdout.contains("hf_planted") && !run.stdout.contains("planted-pass"))
        #expect(run.stdout.contains("set (value hidden)"))
        let host = (try? String(contentsOfFile: "/proc/sys/kernel/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if host.count >= 3 { #expect(!run.stdout.contains(host), "this machine's host name is in the report") }
    }

    @Test("--bundle saves a .tar.gz whose profile the doctor replays to the same findings")
    func bundleRoundTrip() throws {
        let folder = NSTemporaryDirectory() + "onramp-report-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runOnramp(["report", "--profile", Self.planted, "--bundle", "--out", folder + "/bundle.tar.gz"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Saved \(folder)/bundle.tar.gz"))
        #expect(run.stdout.contains("Replaced before sharing:"))
        let tar = try runProgram(["/usr/bin/env", "tar", "-xzf", folder + "/bundle.tar.gz", "-C", folder])
        #expect(tar.status == 0, "\(tar.output)")
        let original = try runOnramp(["doctor", "--json", "--profile", Self.planted])
        let replayed = try runOnramp(["doctor", "--json", "--profile", folder + "/onramp-report/profile"])
        func ids(_ json: String) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return ((object?["findings"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.sorted()
        }
        #expect(try ids(replayed.stdout) == ids(original.stdout))
        #expect(try !ids(original.stdout).isEmpty)
        let archive = try String(decoding: Data(contentsOf: URL(fileURLWithPath: folder + "/bundle.tar.gz")), as: UTF8.self)
        for secret in Self.secrets { #expect(!archive.contains(secret), "\(secret) is in the bundle") }
    }

    @Test("--out writes the file whole; a folder or a missing folder is refused with what to do")
    func outFile() throws {
        let folder = NSTemporaryDirectory() + "onramp-report-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runOnramp(["report", "--profile", Self.planted, "--json", "--out", folder + "/r.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let saved = try String(contentsOfFile: folder + "/r.json", encoding: .utf8)
        #expect((try JSONSerialization.jsonObject(with: Data(saved.utf8)) as? [String: Any])?["status"] as? String == "info")
        let intoFolder = try runOnramp(["report", "--profile", Self.planted, "--out", folder])
        #expect(intoFolder.status == 1)
        #expect(intoFolder.stderr.contains("onramp report: error: \(folder) is a folder"))
        let missing = try runOnramp(["report", "--profile", Self.planted, "--out", "/nonexistent/dir/r.md"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Could not save the report to /nonexistent/dir/r.md"))
    }
}
