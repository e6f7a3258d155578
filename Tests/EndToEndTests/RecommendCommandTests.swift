// `onramp recommend` as a user runs it: the real binary (ONRAMP_BIN), real profiles, real exit
// codes, the live measurement, a speed saved into a profile and replayed from it, and real model
// files judged from their own headers (`--model`).

import Foundation
import Testing
import TestSupport

@Suite("onramp recommend", .onOwnThread)
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
        #expect(run.stdout.hasPrefix("Best for chatting on this computer:\n  Gemma 3 1B Instruct"))
        #expect(run.stdout.contains("Speeds are estimated from the processor's facts"))
        #expect(run.stdout.contains("other models do not fit, are too slow, or do not run in Onramp yet (--all says why)."))
    }

    @Test("a speed saved with --save-speed is what --profile predicts with")
    func savedSpeedReplays() throws {
        let folder = NSTemporaryDirectory() + "onramp-speed-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capture = try runOnramp(["probe", "--capture", folder])
        #expect(capture.status == 0, "\(capture.stderr)")
        // The live timing shares the machine with the other tests; on a crowded moment no model
        // may reach a usable speed (status 1, "nothing suits"). Either way the speed is saved, and
        // the replay must predict with exactly it, to the same verdict.
        let live = try runOnramp(["recommend", "--json", "--save-speed", folder])
        #expect(live.status == 0 || live.status == 1, "\(live.stderr)")
        let saved = try String(contentsOfFile: folder + "/speed.json", encoding: .utf8)
        #expect(saved.contains("\"origin\" : \"measured\""))
        #expect(saved.contains("\"typeSpeeds\"") && saved.contains("\"handOffSeconds\"") && saved.contains("\"attentionSeconds\""))
        let replay = try runOnramp(["recommend", "--json", "--profile", folder])
        #expect(replay.status == live.status)
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

    static func testModel(_ name: String) -> String {
        let folder = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"] ?? repository + "/.models"
        return folder + "/" + name
    }

    static func firstCandidate(_ stdout: String) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        #expect(candidates.count == 1)
        return try #require(candidates.first)
    }

    @Test("--model on a catalog file reads the catalog's numbers from its header and predicts the same memory to the byte")
    func catalogFileFromHeader() throws {
        let path = Self.testModel("SmolLM2-135M-Instruct.Q4_1.gguf")
        try #require(FileManager.default.fileExists(atPath: path), "test model missing at \(path); run scripts/fetch-test-models")
        let fromFile = try runOnramp(["recommend", "--model", path, "--context", "4096", "--json"])
        let candidate = try Self.firstCandidate(fromFile.stdout)
        #expect(fromFile.status == (candidate["verdict"] as? String == "suitable" ? 0 : 1), "\(fromFile.stderr)")
        let model = try #require(candidate["model"] as? [String: Any])
        // The numbers config.json gives, as the catalog lists them; the parameter count is the sum of the tensors.
        #expect(model["parameters"] as? Int == 134_515_008)
        #expect(model["layers"] as? Int == 30)
        #expect(model["kvHeadCount"] as? Int == 3)
        #expect(model["vocabularySize"] as? Int == 49152)
        #expect(model["tiedEmbeddings"] as? Bool == true)
        #expect(model["name"] as? String == "SmolLM2 135M Instruct")
        let file = try #require(candidate["file"] as? [String: Any])
        #expect(file["quantization"] as? String == "Q4_1")
        #expect(file["sizeBytes"] as? Int == 98_362_432)
        #expect(candidate["onDisk"] as? Bool == true)
        // The catalog's own entry for the same file, at the same context, needs the same bytes.
        let catalog = try runOnramp(["recommend", "--all", "--context", "4096", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(catalog.stdout.utf8)) as? [String: Any])
        let entry = try #require((object["candidates"] as? [[String: Any]])?.first { ($0["model"] as? [String: Any])?["id"] as? String == "smollm2-135m-instruct" })
        let need = (candidate["fit"] as? [String: Any])?["need"] as? NSDictionary
        let catalogNeed = (entry["fit"] as? [String: Any])?["need"] as? NSDictionary
        #expect(need != nil && need == catalogNeed, "\(String(describing: need)) vs \(String(describing: catalogNeed))")
    }

    @Test("--model on a file the catalog does not list (Gemma 3 270M's test file) is judged from its header")
    func fileOutsideTheCatalog() throws {
        let path = Self.testModel("gemma-3-270m-q4_k_m.gguf")
        try #require(FileManager.default.fileExists(atPath: path), "test model missing at \(path); run scripts/fetch-test-models")
        let run = try runOnramp(["recommend", "--model", path, "--context", "512", "--json"])
        let candidate = try Self.firstCandidate(run.stdout)
        // It fits anywhere the tests run; whether it is fast enough depends on the load the
        // sub-second measurement meets, and the exit status follows the verdict.
        let verdict = candidate["verdict"] as? String
        #expect(verdict == "suitable" || verdict == "tooSlow", "\(String(describing: verdict))")
        #expect(run.status == (verdict == "suitable" ? 0 : 1), "\(run.stderr)")
        let model = try #require(candidate["model"] as? [String: Any])
        #expect(model["architecture"] as? String == "gemma3")
        #expect(model["vocabularySize"] as? Int == 262_144)
        #expect(model["headDimension"] as? Int == 256)
        #expect((candidate["file"] as? [String: Any])?["quantization"] as? String == "Q4_K_M")
        let need = try #require((candidate["fit"] as? [String: Any])?["need"] as? [String: Any])
        #expect(need["context"] as? Int == 512)
        #expect(need["weightsBytes"] as? Int == 253_113_024)
        // 2 × 18 layers × 1 KV head × 256 × 2 bytes × 512 tokens.
        #expect(need["kvCacheBytes"] as? Int == 9_437_184)

        let text = try runOnramp(["recommend", "--model", path])
        let suits = text.status == 0
        #expect(text.stdout.hasPrefix(
            "gemma-3-270m-q4_k_m.gguf \(suits ? "suits" : "does not suit") chatting on this computer:\n  Gemma 3 270m — Q4_K_M, 0.3 GB file\n    "),
            "\(text.stdout)\(text.stderr)")
    }

    @Test("--model on a file that is not a model says so in words and exits 1")
    func notAModel() throws {
        let path = NSTemporaryDirectory() + "onramp-not-a-model-" + UUID().uuidString + ".gguf"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "hello, I am not a model".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try runOnramp(["recommend", "--model", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("GGUF"), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test("--model with --all is a usage error (64)")
    func modelWithAll() throws {
        let run = try runOnramp(["recommend", "--model", Self.testModel("SmolLM2-135M-Instruct.Q4_1.gguf"), "--all"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("with --model there is one file to judge"))
    }
}
