// `onramp run`, `chat` and `bench` as a user runs them: the real binary on the real test model.

import Foundation
import Testing
import TestSupport

@Suite("onramp run, chat and bench", .onOwnThread)
struct RunCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var model: String {
        let folder = ProcessInfo.processInfo.environment["ONRAMP_TEST_MODELS"].map { URL(fileURLWithPath: $0) }
            ?? repository.appendingPathComponent(".models")
        return folder.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf").path
    }

    @Test("run --temp 0 prints llama.cpp's greedy continuation, speeds on standard error")
    func greedyRun() throws {
        let run = try runOnramp(["run", Self.model, "-p", "The capital of France is", "-n", "32", "--temp", "0", "--threads", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix(" Paris.\n\nThe United States has a population of approximately 311 million people."))
        let fixture = Self.repository.appendingPathComponent("Tests/EngineTests/Fixtures/Generation/greedy.json")
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])["cases"]
        let first = try #require((cases as? [[String: Any]])?.first)
        #expect(run.stdout == (first["continuationText"] as? String ?? "") + "\n")
        #expect(run.stderr.contains("prompt tokens at"))
    }

    @Test("run reads a ChatML prompt's control-token text as llama.cpp does, and --literal keeps it as text")
    func chatFormattedPrompt() throws {
        let fixture = Self.repository.appendingPathComponent("Tests/EngineTests/Fixtures/Tokenizer/llamacpp-prompts.json")
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])["cases"]
        let chatML = try #require((cases as? [[String: Any]])?.first { ($0["model"] as? String) == "SmolLM2-135M-Instruct.Q4_1.gguf" })
        let prompt = try #require(chatML["prompt"] as? String)
        let parsed = try #require(chatML["special"] as? [Int]), literal = try #require(chatML["literal"] as? [Int])
        let answer = try #require(chatML["greedyAnswerText"] as? String)

        let run = try runOnramp(["run", Self.model, "-p", prompt, "-n", "16", "--temp", "0", "--threads", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[\(parsed.count) prompt tokens at"), "\(run.stderr)")
        #expect(run.stdout == answer + "\n")

        let plain = try runOnramp(["run", Self.model, "-p", prompt, "-n", "0", "--literal"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("[\(literal.count) prompt tokens at"), "\(plain.stderr)")
    }

    @Test("run with a seed repeats itself exactly")
    func seededRun() throws {
        let arguments = ["run", Self.model, "-p", "Once upon a time", "-n", "16", "--temp", "1.0", "--seed", "7"]
        let first = try runOnramp(arguments), second = try runOnramp(arguments)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test("chat answers with the ChatML template and leaves on /exit")
    func chat() throws {
        let run = try runOnramp(["chat", Self.model, "--temp", "0", "-n", "24"], input: "What is the capital of France?\n/exit\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Paris"))
        #expect(!run.stdout.contains("<|im_end|>"))
    }

    @Test("bench --json reports median speeds for pp and tg")
    func bench() throws {
        let run = try runOnramp(["bench", Self.model, "-p", "32", "-n", "8", "-r", "1", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(results.map { $0["test"] as? String } == ["pp32", "tg8"])
        for result in results { #expect((result["median_tokens_per_second"] as? Double ?? 0) > 0) }
        #expect(!run.stderr.contains("bench: "), "progress is for terminals, not pipes")
    }

    @Test("bench as a table also says how long opening and checking the file takes")
    func benchTable() throws {
        let run = try runOnramp(["bench", Self.model, "-p", "8", "-n", "0", "-r", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| SmolLM2-135M-Instruct.Q4_1.gguf | "))
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Opening and checking the file: ") })
        let milliseconds = Double(line.dropFirst("Opening and checking the file: ".count).prefix { $0 != " " })
        #expect((milliseconds ?? 0) > 0, "\(line)")
        #expect(line.hasSuffix(" ms (fastest of 5)."))
    }

    @Test("a missing model file fails with exit code 1 and says what happened")
    func missingModel() throws {
        let run = try runOnramp(["run", "/nonexistent/model.gguf", "-p", "Hi"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error:"))
        #expect(run.stderr.contains("model.gguf"))
    }

    @Test("an out-of-range sampling option is a usage error (64)")
    func badOption() throws {
        let run = try runOnramp(["run", Self.model, "-p", "Hi", "--top-p", "0"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--top-p"))
    }
}
