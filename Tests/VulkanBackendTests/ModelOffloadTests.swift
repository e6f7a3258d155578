// Putting a real model on the card (lavapipe) or saying why not: the plan honoured, the check
// before use, and a card whose memory was damaged caught by that check.

import Engine
import SelfTest
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Model offload: choosing, uploading and checking before use", .serialized, .onOwnThread)
struct ModelOffloadTests {
    @Test("llvmpipe takes all of SmolLM2 and the output, checked against the processor, and the model uses it")
    func everything() throws {
        let loaded = try LoadedModel.open(path: TestModels.smolLM2, threads: 2)
        let model = loaded.model
        let outcome = ModelOffload.attach(to: loaded, request: Lavapipe.request, gpuLayers: nil, capacity: 256)
        guard case .onDevice(let offload, let plan, let error) = outcome else {
            Issue.record("expected the card, got \(outcome)")
            return
        }
        #expect(plan.layers == 30 && plan.output)
        #expect(error < ModelOffload.validationLimit)
        #expect(model.offload === offload)
        print("SmolLM2 on llvmpipe: the check's NMSE against the usual path is \(error)")
    }

    /// Gemma 3's activations have outliers that the processor's 8-bit inputs (one scale per 256
    /// values for its K-quants) round coarsely on rare tokens: with the check's old prompt of
    /// token ids spread over the vocabulary the usual path was 0.25 from the unquantised answer,
    /// and a correct card, 0.12 from it, was refused (`onramp run --device llvmpipe` said so).
    @Test("llvmpipe takes all of Gemma 3 270M: the check on real text passes for its Q4_K_M mix")
    func gemma() throws {
        let loaded = try LoadedModel.open(path: TestModels.gemma3, threads: 2)
        let outcome = ModelOffload.attach(to: loaded, request: Lavapipe.request, gpuLayers: nil, capacity: 256)
        guard case .onDevice(let offload, let plan, let error) = outcome else {
            Issue.record("expected the card, got \(outcome)")
            return
        }
        #expect(plan.layers == loaded.model.shape.layers && plan.output)
        #expect(offload.integerProducts)
        // Observed 6e-3 with 8-bit inputs; the limit is 5e-2.
        #expect(error < ModelOffload.validationLimit / 4, "\(error)")
        print("Gemma 3 on llvmpipe: the check's NMSE against the usual path is \(error)")
    }

    /// tiny-llama3 with its output in BF16 (scripts/make-mixed-fixture): the processor reads it,
    /// the card has no BF16 shader.
    @Test("a model with a BF16 matrix stays on the processor, and the reason names the type")
    func unsupportedType() throws {
        let path = ArchitectureOffloadTests.folder.appendingPathComponent("tiny-llama3-bf16-output.gguf").path
        let loaded = try LoadedModel.open(path: path, threads: 2)
        let outcome = ModelOffload.attach(to: loaded, request: Lavapipe.request, gpuLayers: nil, capacity: 64)
        guard case .processor(let reason) = outcome, case .unsupportedModel = reason else {
            Issue.record("expected the processor for a BF16 matrix, got \(outcome)")
            return
        }
        #expect(reason.summary.hasPrefix("Onramp cannot run this model on llvmpipe"), "\(reason.summary)")
        #expect(reason.summary.contains("bf16 weights"), "\(reason.summary)")
        #expect(loaded.model.offload == nil)
        // The processor still runs it.
        #expect(try loaded.model.forward([1, 5], cache: loaded.model.makeCache(capacity: 4)).allSatisfy(\.isFinite))

        // The self-test records the same: the kernels checked, the model on the processor, and why.
        let (report, checks) = GraphicsCardSelfTest.run(request: Lavapipe.request, model: path, threads: 2)
        #expect(checks.allSatisfy(\.passed) && !checks.contains { $0.name == "the model on the graphics card" })
        #expect(report.model == GraphicsCardReport.ModelPlacement(layers: 0, totalLayers: 2, output: false, processorReason: reason.summary))
    }

    @Test("--gpu-layers 10: the first ten layers, the output on the processor")
    func someLayers() throws {
        let loaded = try LoadedModel.open(path: TestModels.smolLM2, threads: 2)
        let model = loaded.model
        let outcome = ModelOffload.attach(to: loaded, request: Lavapipe.request, gpuLayers: 10, capacity: 256)
        guard case .onDevice(let offload, let plan, _) = outcome else {
            Issue.record("expected the card, got \(outcome)")
            return
        }
        #expect(plan.layers == 10 && !plan.output)
        #expect(offload.layerCount == 10 && !offload.computesLogits)
    }

    @Test("no Vulkan loader: the processor, with the reason, and nothing attached")
    func noLoader() throws {
        let loaded = try LoadedModel.open(path: TestModels.smolLM2, threads: 2)
        let model = loaded.model
        let outcome = ModelOffload.attach(to: loaded, request: Lavapipe.request, gpuLayers: nil, capacity: 256, library: "/nonexistent/libvulkan.so.1")
        guard case .processor(let reason) = outcome, case .noLoader = reason else {
            Issue.record("expected no loader, got \(outcome)")
            return
        }
        #expect(model.offload == nil)
    }

    @Test("a card whose copy of the weights is damaged fails the check before use")
    func damagedWeights() throws {
        let loaded = try LoadedModel.open(path: TestModels.smolLM2, threads: 2)
        let model = loaded.model
        let offload = try DeviceLayers(model: model, device: try Lavapipe.open(), layerCount: 30, output: true)
        let healthy = try ModelOffload.firstAnswerError(model, offload, prompt: ModelOffload.checkPrompt(loaded))
        // One layer's feed-forward output weights overwritten on the card with a repeated byte
        // (0x3C: f16 scales of about 1, codes of 12): the garbage a bad copy or a broken driver
        // leaves.
        let part = offload.layers[12].down.parts[0].buffer
        let garbage = [UInt8](repeating: 0x3C, count: part.byteCount)
        try garbage.withUnsafeBytes { try part.write($0) }
        let damaged = try ModelOffload.firstAnswerError(model, offload, prompt: ModelOffload.checkPrompt(loaded))
        print("the check's NMSE: healthy \(healthy), one layer's weights zeroed \(damaged)")
        #expect(healthy < ModelOffload.validationLimit)
        #expect(!(damaged < ModelOffload.validationLimit))  // NaN fails the check too
        #expect(model.offload == nil)
    }

    @Test("a card an earlier self-test switched off is not used, and the reason is the self-test's")
    func switchedOff() throws {
        let loaded = try LoadedModel.open(path: TestModels.smolLM2, threads: 2)
        let model = loaded.model
        var asked: [String] = []
        let outcome = ModelOffload.attach(to: loaded, request: Lavapipe.request, gpuLayers: nil, capacity: 256) { device in
            asked.append(device)
            return "its q4_K product was wrong."
        }
        guard case .processor(let reason) = outcome, case .switchedOff(let device, "its q4_K product was wrong.") = reason else {
            Issue.record("expected the self-test's verdict, got \(outcome)")
            return
        }
        #expect(asked == [device] && device.hasPrefix("llvmpipe"))
        #expect(reason.summary.hasPrefix("An earlier self-test switched llvmpipe"))
        #expect(model.offload == nil)
    }

    @Test("through staging memory and copies in the submission (a card with its own memory) the same bits as through mapped memory", arguments: [nil, 15] as [Int?])
    func stagedPath(layers: Int?) throws {
        let model = try LoadedModel.open(path: TestModels.smolLM2, threads: 2).model
        let device = try Lavapipe.open()
        func run(staged: Bool) throws -> [[Float]] {
            let offload = try DeviceLayers(model: model, device: device, layerCount: layers ?? 30, output: layers == nil)
            offload.staged = staged
            model.offload = offload
            defer { model.offload = nil }
            let cache = try model.makeCache(capacity: 16)
            return [try model.forward([1, 504, 2031, 17], cache: cache), try model.forward([88], cache: cache)]
        }
        #expect(device.hasUnifiedMemory, "lavapipe's memory is the processor's: the staged path runs only because the test asks")
        let direct = try run(staged: false)
        let staged = try run(staged: true)
        #expect(staged == direct)
        #expect(direct[0].count == 49_152 && direct[0].contains { $0 != 0 })
    }
}
