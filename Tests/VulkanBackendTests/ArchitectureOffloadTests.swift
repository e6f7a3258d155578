// Every architecture's own parts on the graphics card (lavapipe), with the tiny random-weight
// models of the engine's architecture fixtures: Qwen 2's query/key/value biases (bias rows added
// to every row of a batch), Phi-3's fused query-key-value and gate-up matrices (uploaded as row
// ranges), Qwen 3's per-head query/key norms and Llama 3's RoPE frequency factors. Against the
// processor's unquantised products with the card's f32 inputs (as DeviceForwardTests): the logits after a 4-token prompt and
// at 4 more positions, every layer and the output on the card, or only the first layer.

import Engine
import Foundation
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Each architecture's parts on the graphics card (lavapipe)", .serialized, .onOwnThread)
struct ArchitectureOffloadTests {
    static let folder = TestModels.repositoryRoot.appendingPathComponent("Tests/EngineTests/Fixtures/Architectures")

    @Test("logits match the unquantised processor", arguments: ["qwen2", "phi3", "qwen3", "llama3"], [true, false])
    func matchesProcessor(architecture: String, everything: Bool) throws {
        let model = try LoadedModel.open(path: Self.folder.appendingPathComponent("tiny-\(architecture).gguf").path, threads: 2).model
        let offload = try DeviceLayers(model: model, device: try Lavapipe.open(), layerCount: everything ? model.shape.layers : 1, output: everything)
        // f32 inputs, so the answer is the unquantised product's to 1e-4 (the parts of each
        // architecture are what is tested here; integer dot products in DeviceForwardTests).
        offload.integerProducts = false
        let prompt: [TokenID] = [1, 17, 42, 99].map { TokenID(min($0, model.vocabularySize - 1)) }
        let next: [TokenID] = [5, 77, 3, 64].map { TokenID(min($0, model.vocabularySize - 1)) }
        model.productKernel = .unquantized
        defer { model.productKernel = .path(model.kernels) }

        func run() throws -> [[Float]] {
            let cache = try model.makeCache(capacity: 16)
            var logits = [try model.forward(prompt, cache: cache)]
            for token in next { logits.append(try model.forward([token], cache: cache)) }
            return logits
        }
        let expected = try run()
        model.offload = offload
        defer { model.offload = nil }
        let actual = try run()
        let worst = zip(actual, expected).map { nmse($0, $1) }.max() ?? .nan
        print("tiny \(architecture), \(everything ? "every layer and the output" : "the first layer") on the card: worst NMSE \(worst)")
        #expect(worst < DeviceForwardTests.logitsLimit)
    }

    /// tiny-llama3 with its output matrix in F16 (scripts/make-mixed-fixture): the card multiplies
    /// the Q8_0 layers with integer dot products and the F16 output, which has no such shader,
    /// with f32 inputs. Before, one such matrix turned integer products off for the whole model.
    @Test("a model whose output is F16 takes 8-bit inputs in its Q8_0 layers and f32 inputs in its output")
    func mixedTypes() throws {
        let path = Self.folder.appendingPathComponent("tiny-llama3-f16-output.gguf").path
        let model = try LoadedModel.open(path: path, threads: 2).model
        #expect(model.weights.output.type == .f16 && model.weights.layers[0].down.type == .q8_0)
        let offload = try DeviceLayers(model: model, device: try Lavapipe.open(), layerCount: model.shape.layers, output: true)
        #expect(offload.integerProducts, "integer products where the types have them")
        let prompt: [TokenID] = [1, 17, 42, 99].map { TokenID(min($0, model.vocabularySize - 1)) }
        let next: [TokenID] = [5, 77, 3, 64].map { TokenID(min($0, model.vocabularySize - 1)) }
        func run(_ kernel: ProductKernel, on card: DeviceLayers?) throws -> [[Float]] {
            model.productKernel = kernel
            model.offload = card
            defer { model.offload = nil; model.productKernel = .path(model.kernels) }
            let cache = try model.makeCache(capacity: 16)
            var logits = [try model.forward(prompt, cache: cache)]
            for token in next { logits.append(try model.forward([token], cache: cache)) }
            return logits
        }
        let usual = try run(.path(model.kernels), on: nil)
        let unquantised = try run(.unquantized, on: nil)
        let card = try run(.path(model.kernels), on: offload)
        let toUsual = zip(card, usual).map { nmse($0, $1) }.max() ?? .nan
        let toUnquantised = zip(card, unquantised).map { nmse($0, $1) }.max() ?? .nan
        let usualToUnquantised = zip(usual, unquantised).map { nmse($0, $1) }.max() ?? .nan
        print("tiny llama3 with an F16 output on the card: worst NMSE \(toUsual) against the usual path, \(toUnquantised) against "
              + "the unquantised one (the usual path against the unquantised one: \(usualToUnquantised))")
        // The 8-bit inputs were used: the card is the usual path's computation, far closer to it
        // than the two paths are to each other.
        #expect(toUsual < usualToUnquantised / 10, "\(toUsual) against the usual path, \(usualToUnquantised) between the paths")
        #expect(toUsual < 1e-4)
    }
}
