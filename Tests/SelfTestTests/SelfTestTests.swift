// The self-test on this machine: every check passes, with and without a model; a model file
// damaged after download fails the model checks (not the kernels) and says to download it again.
@testable import Engine
import Foundation
import SelfTest
import Testing

struct SelfTestTests {
    @Test("every kernel check, operation and thread check passes on this machine, on every supported path")
    func passesWithoutModel() {
        let report = SelfTest.run(cores: 2)
        #expect(report.passed, "\(report.failedChecks)")
        #expect(report.kernelPath == KernelPath.supported.last?.rawValue)
        // The list comes from the engine's tables: every type on every supported path.
        let kernelChecks = report.checks.filter { $0.group == .kernel }
        #expect(kernelChecks.count == KernelSelfCheck.types.count * KernelPath.supported.count)
        for type in KernelSelfCheck.types {
            for path in KernelPath.supported {
                #expect(kernelChecks.contains { $0.name == "\(type) product on \(path)" && $0.limit == KernelSelfCheck.tolerance(for: type) })
            }
        }
        #expect(report.checks.contains { $0.group == .threads && $0.passed })
        #expect(Set(report.checks.filter { $0.group == .op }.map(\.name)).isSuperset(of: ["RMSNorm", "RoPE", "softmax", "attention (f32 cache)", "attention (f16 cache)", "SwiGLU activation"]))
        #expect(report.messages.last?.contains("Every check passed") == true)
    }

    @Test("SmolLM2 passes end to end: same logits as the reference, sensible perplexity, same bits on 1 and all threads, a speed")
    func passesWithSmolLM2() throws {
        let report = SelfTest.run(model: TestFiles.smolLM2, cores: 2)
        #expect(report.passed, "\(report.failedChecks)")
        let model = report.checks.filter { $0.group == .model }
        #expect(model.count == 3)
        let agreement = try #require(model.first { $0.name.contains("against the reference") })
        #expect(try #require(agreement.measured) < 1e-3)
        let perplexity = try #require(model.first { $0.name.contains("perplexity") })
        // SmolLM2-135M-Instruct Q4_1 measures 21.4 on the paragraph; the bound is 50.
        #expect(try #require(perplexity.measured) > 15)
        #expect(try #require(perplexity.measured) < 30)
        #expect(perplexity.limit == 50)
        #expect(report.checks.contains { $0.group == .threads && $0.name.contains("logits") && $0.passed })
        let speed = try #require(report.speed)
        #expect(speed.promptTokensPerSecond > 0 && speed.generationTokensPerSecond > 0)
        #expect(report.model == "SmolLM2-135M-Instruct.Q4_1.gguf")
    }

    @Test("a flipped byte in a weight block fails the model check, not the kernels, and says to download again")
    func damagedModelFile() throws {
        let folder = try TemporaryFolder()
        let copy = folder.url.appendingPathComponent("SmolLM2-damaged.gguf")
        try FileManager.default.copyItem(atPath: TestFiles.smolLM2, toPath: copy.path)
        // The high byte of the first block scale of layer 0's feed-forward output, xor 0x40:
        // that block's scale grows 65536-fold, as one flipped bit in a download would do it.
        let file = try GGUFFile(path: TestFiles.smolLM2)
        let tensor = try #require(file.tensor(named: "blk.0.ffn_down.weight"))
        let scaleOffset = tensor.type == .q6_K ? 208 : 0
        let position = tensor.offset + scaleOffset + 1
        let handle = try FileHandle(forUpdating: copy)
        try handle.seek(toOffset: UInt64(position))
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: UInt64(position))
        try handle.write(contentsOf: [byte ^ 0x40])
        try handle.close()

        let report = SelfTest.run(model: copy.path, cores: 2)
        #expect(!report.passed)
        let engineChecks = report.checks.filter { $0.group == .kernel || $0.group == .quantizer || $0.group == .op }
        let enginePassed = engineChecks.allSatisfy { $0.passed }
        #expect(!engineChecks.isEmpty && enginePassed)
        let failed = report.failedChecks
        #expect(!failed.isEmpty && failed.allSatisfy { $0.group == .model })
        #expect(failed.contains { $0.name.contains("perplexity") && $0.detail.contains("Download the model again") })
        #expect(report.newlyDisabledPaths.isEmpty)
        #expect(report.speed == nil)
    }

    @Test("a file that is not a model fails the open check with the reason")
    func notAModel() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("notes.gguf")
        try Data("hello".utf8).write(to: file)
        let report = SelfTest.run(model: file.path, cores: 2)
        #expect(!report.passed)
        let open = try #require(report.checks.first { $0.group == .model })
        #expect(!open.passed && open.name == "open notes.gguf")
        // The reader's own explanation, naming the file, without advice stacked on top of it.
        #expect(open.detail.contains("notes.gguf"), "\(open.detail)")
        #expect(!open.detail.contains(".."), "\(open.detail)")
    }
}
