// `onramp probe` as a user runs it: the real binary (ONRAMP_BIN), real profiles, real exit codes.

import Foundation
import Testing
import TestSupport

@Suite("onramp probe", .onOwnThread)
struct ProbeCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test("probe --json prints facts a script can read, with this machine's core count")
    func json() throws {
        let run = try runOnramp(["probe", "--json"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let cpu = object?["cpu"] as? [String: Any]
        #expect(cpu?["logicalCores"] as? Int == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test("probe --profile prints a replayed machine for people, grouped and aligned")
    func profileText() throws {
        let run = try runOnramp(["probe", "--profile", Self.repository + "/profiles/desktop-rtx3060-ubuntu2204"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Graphics and drivers\n"))
        #expect(run.stdout.contains("NVIDIA GeForce RTX 3060 (driver nvidia, 12.0 GiB memory, compute 8.6)"))
        #expect(run.stdout.contains("  Model         AMD Ryzen 5 5600X 6-Core Processor\n"))
    }

    @Test("a missing profile folder is a usage error (64) that says what to do")
    func missingProfile() throws {
        let run = try runOnramp(["probe", "--profile", "/nonexistent/profile"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("no machine profile folder at /nonexistent/profile"))
    }

    @Test("probe --capture writes a profile that probe --profile replays")
    func captureAndReplay() throws {
        let folder = NSTemporaryDirectory() + "onramp-capture-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capture = try runOnramp(["probe", "--capture", folder, "--json"])
        #expect(capture.status == 0)
        let replay = try runOnramp(["probe", "--profile", folder, "--json"])
        #expect(replay.status == 0)
        #expect(replay.stdout == (try String(contentsOfFile: folder + "/facts.json", encoding: .utf8)))
        let again = try runOnramp(["probe", "--capture", folder])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already has files"))
    }
}
