// `onramp recommend` as a user runs it: the real binary (ONRAMP_BIN), real profiles, real exit
// codes, the live measurement, and a speed saved into a profile and replayed from it.

import Foundation
import Testing

@Suite("onramp recommend")
struct RecommendCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("on this computer it measures, recommends a model the engine runs, and exits 0")
    func live() throws {
        let run = try runOnramp(["recommend", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let speed = try #require(object["speed"] as? [String: Any])
        #expect(speed["origin"] as? String == "measured")
        #expect((speed["memoryBandwidth"] as? Double ?? 0) > 1e8)
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        #expect(candidates.count >= 20)
        #expect(candidates.first?["verdict"] as? String == "suitable")
    }

    @Test("--profile replays a Raspberry Pi: a small model, speeds labelled as estimates")
    func profile() throws {
        let run = try runOnramp(["recommend", "--profile", Self.repository + "/profiles/raspberry-pi-5"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Best for chatting on this computer:\n  Qwen3 0.6B"))
        #expect(run.stdout.contains("Speeds are estimated from the processor's facts"))
        #expect(run.stdout.contains("other models do not fit, are too slow, or do not run in Onramp yet (--all says why)."))
    }

    @Test("a speed saved with --save-speed is what --profile predicts with")
    func savedSpeedReplays() throws {
        let folder = NSTemporaryDirectory() + "onramp-speed-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capture = try runOnramp(["probe", "--capture", folder])
        #expect(capture.status == 0, "\(capture.stderr)")
        let live = try runOnramp(["recommend", "--json", "--save-speed", folder])
        #expect(live.status == 0)
        let saved = try String(contentsOfFile: folder + "/speed.json", encoding: .utf8)
        #expect(saved.contains("\"origin\" : \"measured\""))
        let replay = try runOnramp(["recommend", "--json", "--profile", folder])
        let liveSpeed = try JSONSerialization.jsonObject(with: Data(live.stdout.utf8)) as? [String: Any]
        let replaySpeed = try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any]
        #expect((liveSpeed?["speed"] as? NSDictionary) == (replaySpeed?["speed"] as? NSDictionary))
    }

    @Test("a goal it does not know is a usage error (64) that lists the goals")
    func badGoal() throws {
        let run = try runOnramp(["recommend", "--for", "poetry"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("chat"))
        #expect(run.stderr.contains("code"))
        #expect(run.stderr.contains("fast"))
    }

    @Test("--save-speed with --profile is a usage error (64)")
    func saveWithProfile() throws {
        let run = try runOnramp(["recommend", "--profile", Self.repository + "/profiles/raspberry-pi-5", "--save-speed", "/tmp"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--save-speed records this computer"))
    }

    @Test("a broken speed.json in a profile is an error, not a silent estimate")
    func brokenSpeedFile() throws {
        let folder = NSTemporaryDirectory() + "onramp-broken-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try runOnramp(["probe", "--capture", folder]).status == 0)
        try "{ not json".write(toFile: folder + "/speed.json", atomically: true, encoding: .utf8)
        let run = try runOnramp(["recommend", "--profile", folder])
        #expect(run.status == 1)
        #expect(run.stderr.contains("speed.json is not a speed record Onramp can read"))
    }
}
