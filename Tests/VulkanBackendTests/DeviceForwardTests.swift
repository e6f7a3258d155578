// The real test models with their layers on the graphics card (lavapipe) against the same model
// on the processor: the logits after a prompt (a batch: the cache, RoPE and causal attention over
// several rows) and at each of 16 generated positions, with every layer and the output on the
// card and with half of the layers there (the processor computing the rest from the rows the card
// hands back, with its own cache for its layers).
// The processor's reference is its unquantised mode (ProductKernel.unquantized: f32 activations,
// as the card multiplies them), limit NMSE < 1e-4 (the issue's), and the same greedy token
// wherever the reference's best token leads the second by at least 0.02 in logits. The engine's
// usual path quantises activations to 8 bits, as llama.cpp does, which alone moves the logits by
// an NMSE of ~1e-3 on these models; against it the limit is ModelOffload's run-time check's.

import Engine
import Foundation
import Testing
import TestSupport
@testable import VulkanBackend

@Suite("Models on the graphics card (lavapipe) against the processor", .serialized, .onOwnThread)
struct DeviceForwardTests {
    static let logitsLimit = 1e-4
    static let margin: Float = 0.02
    static let steps = 16

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        /// nil: every layer and the output; else the first `layers`.
        let layers: Int?
        var testDescription: String { "\(name), \(layers.map { "\($0) layers" } ?? "all layers and the output")" }
    }

    static let cases = [
        Case(name: "SmolLM2 135M", path: TestModels.smolLM2, layers: nil),
        Case(name: "SmolLM2 135M", path: TestModels.smolLM2, layers: 15),
        Case(name: "Gemma 3 270M", path: TestModels.gemma3, layers: nil),
        Case(name: "Gemma 3 270M", path: TestModels.gemma3, layers: 9),
    ]

    @Test("logits and greedy tokens match the processor", arguments: cases)
    func matchesProcessor(_ c: Case) throws {
        let loaded = try LoadedModel.open(path: c.path, threads: 2)
        let model = loaded.model
        let device = try Lavapipe.open()
        let layers = c.layers ?? model.shape.layers
        let offload = try DeviceLayers(model: model, device: device, layerCount: layers, output: c.layers == nil)
        #expect(offload.computesLogits == (c.layers == nil))
        let prompt = loaded.tokenizer.encode("The capital of France is", addSpecial: true, parseSpecial: false)

        // The reference chooses the tokens; the others are fed the same ones (teacher forcing),
        // so one close call cannot make the texts, and everything after, differ.
        model.offload = nil
        model.productKernel = .unquantized
        defer { model.productKernel = .path(model.kernels) }
        let referenceCache = try model.makeCache(capacity: 64)
        var expected = [try model.forward(prompt, cache: referenceCache)]
        var tokens: [TokenID] = []
        for _ in 0..<Self.steps {
            tokens.append(Self.best(expected.last!).token)
            expected.append(try model.forward([tokens.last!], cache: referenceCache))
        }

        model.productKernel = .path(model.kernels)
        let usualCache = try model.makeCache(capacity: 64)
        var usual = [try model.forward(prompt, cache: usualCache)]
        for token in tokens { usual.append(try model.forward([token], cache: usualCache)) }

        // The card's run with the processor's layers (half of the cases) unquantised too, so
        // the whole is the reference's computation.
        model.productKernel = .unquantized
        model.offload = offload
        defer { model.offload = nil }
        let deviceCache = try model.makeCache(capacity: 64)
        var actual = [try model.forward(prompt, cache: deviceCache)]
        for token in tokens {
            actual.append(try model.forward([token], cache: deviceCache))
        }
        #expect(deviceCache.offloadStorage is DeviceCache)

        var worstUsual = 0.0
        for (step, (a, u)) in zip(actual, usual).enumerated() {
            let error = nmse(a, u)
            worstUsual = max(worstUsual, error)
            #expect(error < ModelOffload.validationLimit, "position \(step): NMSE \(error) against the usual path")
        }
        var worst = 0.0
        for (step, (a, e)) in zip(actual, expected).enumerated() {
            let error = nmse(a, e)
            worst = max(worst, error)
            #expect(error < Self.logitsLimit, "position \(step): NMSE \(error)")
            let (token, lead) = Self.best(e)
            if lead >= Self.margin {
                #expect(Self.best(a).token == token, "position \(step): the card chose another token (lead \(lead))")
            }
        }
        print("\(c.testDescription): worst logits NMSE \(worst) against the unquantised reference, \(worstUsual) against the usual path, over \(actual.count) positions")
    }

    @Test("a conversation started on the processor is not continued on the card")
    func refusesForeignConversation() throws {
        let loaded = try LoadedModel.open(path: TestModels.smolLM2, threads: 2)
        let model = loaded.model
        let cache = try model.makeCache(capacity: 16)
        _ = try model.forward([1, 2], cache: cache)
        model.offload = try DeviceLayers(model: model, device: try Lavapipe.open(), layerCount: 2, output: false)
        defer { model.offload = nil }
        #expect(throws: ModelError.self) { try model.forward([3], cache: cache) }
    }

    /// The best token and how far its logit leads the second best.
    static func best(_ logits: [Float]) -> (token: TokenID, lead: Float) {
        var first = (index: 0, value: -Float.infinity), second = -Float.infinity
        for (index, value) in logits.enumerated() {
            if value > first.value {
                second = first.value
                first = (index, value)
            } else if value > second {
                second = value
            }
        }
        return (TokenID(first.index), first.value - second)
    }
}
