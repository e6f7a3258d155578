// The chat where the wizard hands over, as a user meets it: its own commands, an answer cut by the
// token limit, leaving with Ctrl-D, the model file's sampling settings; and `run` on a chat model
// that ends at once. The real binary on the real SmolLM2 model.
import Foundation
import Testing
import TestSupport

@Suite("onramp chat: commands, limits and the model's sampling", .onOwnThread)
struct ChatCommandTests {
    static var model: String { RunCommandTests.model }

    @Test("/help lists the chat's commands and is not sent to the model; an unknown /word is answered, not sent")
    func help() throws {
        let run = try runOnramp(["chat", Self.model, "--temp", "0", "-n", "8"], input: "/help\n/halp\n/exit\n")
        #expect(run.status == 0, "\(run.stderr)")
        for command in ["/help", "/reset", "/exit", "Ctrl-C", "Ctrl-D", "8 tokens"] {
            #expect(run.stderr.contains(command), "the help lacks \(command): \(run.stderr)")
        }
        #expect(run.stderr.contains("/halp is not a chat command; /help lists them"))
        // Three prompts and nothing between them: no answer was generated.
        #expect(run.stdout == "> > > ", "\(run.stdout)")
    }

    @Test("an answer cut by the token limit says so, with what to do")
    func tokenLimit() throws {
        let run = try runOnramp(["chat", Self.model, "--temp", "0", "-n", "3"], input: "Tell me a long story about a dragon.\n/exit\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("(answer cut at the 3-token limit"), "\(run.stderr)")
        let short = try runOnramp(["chat", Self.model, "--temp", "0", "-n", "64"], input: "What is 2+2? Answer briefly.\n/exit\n")
        #expect(!short.stderr.contains("answer cut"), "\(short.stdout)\n\(short.stderr)")
    }

    @Test("Ctrl-D (end of input) leaves with status 0 and ends the line, so the shell prompt starts on its own")
    func endOfInput() throws {
        let run = try runOnramp(["chat", Self.model, "--temp", "0", "-n", "4"], input: "")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "> \n")
    }

    /// A copy of the test model whose header recommends greedy sampling (temp 0, top-k 1), as a
    /// converter writes `general.sampling.*` keys; everything else is byte for byte the same.
    static func modelRecommendingGreedy() throws -> URL {
        let original = try Data(contentsOf: URL(fileURLWithPath: model))
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("onramp-sampling-\(UUID().uuidString).gguf")
        try SamplingKeysImage.inserting([("general.sampling.temp", .f32(0)), ("general.sampling.top_k", .u32(1))], into: original)
            .write(to: copy)
        return copy
    }

    @Test("sampling defaults come from the model's general.sampling.* keys: a file recommending temp 0 answers greedily")
    func samplingFromMetadata() throws {
        let copy = try Self.modelRecommendingGreedy()
        defer { try? FileManager.default.removeItem(at: copy) }
        let question = "What is the capital of France?\n/exit\n"
        let greedy = try runOnramp(["chat", Self.model, "--temp", "0", "-n", "16"], input: question)
        let recommended = try runOnramp(["chat", copy.path, "-n", "16"], input: question)
        #expect(recommended.status == 0, "\(recommended.stderr)")
        #expect(recommended.stderr.contains("sampling as the model file recommends: temperature, top-k"), "\(recommended.stderr)")
        #expect(recommended.stdout == greedy.stdout)
        #expect(recommended.stdout.contains("Paris"))
        // An option given on the command line wins over the file: at --temp 1 with top-k 1 the
        // answer is still greedy (one token to choose from), and only top-k is said to come from it.
        let overridden = try runOnramp(["chat", copy.path, "-n", "16", "--temp", "1"], input: question)
        #expect(overridden.stderr.contains("sampling as the model file recommends: top-k"), "\(overridden.stderr)")
        #expect(overridden.stdout == greedy.stdout)
        // The original file has no such keys: llama.cpp's defaults, and nothing said about the file.
        #expect(!greedy.stderr.contains("model file recommends"))
    }

    @Test("run on a chat model that ends at once says to use onramp chat")
    func runOnChatModel() throws {
        // A finished ChatML turn: SmolLM2 (greedy) ends its own turn at once.
        let prompt = "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>"
        let run = try runOnramp(["run", Self.model, "-p", prompt, "-n", "16", "--temp", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        // It writes at most a line break before it finishes.
        #expect(run.stderr.contains("the model finished]"), "\(run.stderr)")
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(run.stdout)")
        #expect(run.stderr.contains("Talk to it with: onramp chat "), "\(run.stderr)")
        let continued = try runOnramp(["run", Self.model, "-p", "The capital of France is", "-n", "4", "--temp", "0"])
        #expect(!continued.stderr.contains("onramp chat"))
    }
}

/// Inserts metadata entries at the front of a GGUF file's key-value section. The entries are padded
/// (with one extra string key) to a multiple of the file's alignment, so the tensor data starts
/// the same number of bytes later and every tensor offset, relative to it, stays right.
enum SamplingKeysImage {
    enum Value {
        case f32(Float)
        case u32(UInt32)
    }

    static func inserting(_ entries: [(String, Value)], into file: Data, alignment: Int = 32) throws -> Data {
        var bytes = Data()
        for (key, value) in entries {
            bytes += text(key)
            switch value {
            case .f32(let number): bytes += little(UInt32(6)) + little(number.bitPattern)
            case .u32(let number): bytes += little(UInt32(4)) + little(number)
            }
        }
        let paddingKey = "onramp.test.padding"
        let fixed = text(paddingKey).count + 4 + 8
        let padding = (alignment - (bytes.count + fixed) % alignment) % alignment
        bytes += text(paddingKey) + little(UInt32(8)) + text(String(repeating: " ", count: padding))
        try #require(bytes.count % alignment == 0)
        try #require(file.prefix(4) == Data("GGUF".utf8))
        var header = Data(file.prefix(24))
        let count = header.subdata(in: 16..<24).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        header.replaceSubrange(16..<24, with: little(count + UInt64(entries.count + 1)))
        return header + bytes + file.dropFirst(24)
    }

    static func little<T: FixedWidthInteger>(_ value: T) -> Data {
        withUnsafeBytes(of: value.littleEndian) { Data($0) }
    }

    static func text(_ value: String) -> Data {
        little(UInt64(value.utf8.count)) + Data(value.utf8)
    }
}
