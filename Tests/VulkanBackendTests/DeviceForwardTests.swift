// The real test models with their layers on the graphics card (lavapipe) against the same model
// on the processor: the logits after a prompt (a batch: the cache, RoPE and causal attention over
// several rows) and at each of 16 generated positions, with every layer and the output on the
// card and with half of the layers there (the processor computing the rest from the rows the card
// hands back, with its own cache for its layers).
// With f32 inputs to the products, the processor's reference is its unquantised mode
// (ProductKernel.unquantized: f32 activations, as the card multiplies them): limit NMSE < 1e-4 (the
// issue's) at every position. The engine's usual path quantises activations to 8 bits, as
// llama.cpp does, which alone moves the logits by an NMSE of ~1e-2 on these models; against it the
// limit is ModelOffload's run-time check's.
// With integer dot products (every weight type of both models has such shaders) the card turns the
// inputs into 8-bit codes with one scale per 32 values, as the processor's own inputs are for
// SmolLM2's Q4_1 and Q8_0 and Gemma's Q5_0 and Q8_0 (its Q4_K and Q6_K the processor multiplies
// with one scale per 256 values), so the reference is the usual path. Each product matches the
// processor's to 1e-13 where the codes are the same (IntegerProductTests), but over a model 8-bit
// inputs amplify any difference in float order (a value next to a rounding step lands on the other
// code): the processor's own AVX2 and portable paths differ by NMSE 5e-5 to 7e-3 over these 17
// positions (median 1.6e-3 on SmolLM2, 1.8e-3 on Gemma), and the card by 2e-5 to 7e-2 (median
// 1.2e-3 and 2.0e-3; SmolLM2's 7e-2 at a position whose best token leads by 8). So the limits there
// are the first position's and the median's NMSE < 1e-2, every position's < 0.2 (damaged weights
// give more than 1) and the same greedy tokens.
// Both: the same greedy token wherever the reference's best token leads the second by at least
// 0.02 in logits.

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
        /// Whether the card multiplies with integer dot products (else f32 inputs).
        let integer: Bool
        var testDescription: String {
            "\(name), \(layers.map { "\($0) layers" } ?? "all layers and the output"), \(integer ? "integer dot products" : "f32 inputs")"
        }
    }

    static let cases = [
        Case(name: "SmolLM2 135M", path: TestModels.smolLM2, layers: nil, integer: false),
        Case(name: "SmolLM2 135M", path: TestModels.smolLM2, layers: nil, integer: true),
        Case(name: "SmolLM2 135M", path: TestModels.smolLM2, layers: 15, integer: true),
        Case(name: "Gemma 3 270M", path: TestModels.gemma3, layers: nil, integer: false),
        Case(name: "Gemma 3 270M", path: TestModels.gemma3, layers: nil, integer: true),
        Case(name: "Gemma 3 270M", path: TestModels.gemma3, layers: 9, integer: false),
    ]

    @Test("logits and greedy tokens match the processor", arguments: cases)
    func matchesProcessor(_ c: Case) throws {
        let loaded = try LoadedModel.open(path: c.path, threads: 2)
        let model = loaded.model
        let device = try Lavapipe.open()
        let layers = c.layers ?? model.shape.layers
        let offload = try DeviceLayers(model: model, device: device, layerCount: layers, output: c.layers == nil)
        #expect(offload.computesLogits == (c.layers == nil))
        // lavapipe has the instruction and every weight type of both models has such shaders;
        // the f32 cases turn it off.
        #expect(offload.integerProducts)
        offload.integerProducts = c.integer
        let prompt = loaded.tokenizer.encode("The capital of France is", addSpecial: true, parseSpecial: false)
        let referenceKernel: ProductKernel = c.integer ? .path(model.kernels) : .unquantized
        let otherKernel: ProductKernel = c.integer ? .unquantized : .path(model.kernels)

        // The reference chooses the tokens; the others are fed the same ones (teacher forcing),
        // so one close call cannot make the texts, and everything after, differ.
        model.offload = nil
        model.productKernel = referenceKernel
        defer { model.productKernel = .path(model.kernels) }
        let referenceCache = try model.makeCache(capacity: 64)
        var expected = [try model.forward(prompt, cache: referenceCache)]
        var tokens: [TokenID] = []
        for _ in 0..<Self.steps {
            tokens.append(Self.best(expected.last!).token)
            expected.append(try model.forward([tokens.last!], cache: referenceCache))
        }

        model.productKernel = otherKernel
        let otherCache = try model.makeCache(capacity: 64)
        var other = [try model.forward(prompt, cache: otherCache)]
        for token in tokens { other.append(try model.forward([token], cache: otherCache)) }

        // The card's run with the processor's layers (half of the cases) on the reference's path
        // too, so the whole is the reference's computation.
        model.productKernel = referenceKernel
        model.offload = offload
        defer { model.offload = nil }
        let deviceCache = try model.makeCache(capacity: 64)
        var actual = [try model.forward(prompt, cache: deviceCache)]
        for token in tokens {
            actual.append(try model.forward([token], cache: deviceCache))
        }
        #expect(deviceCache.offloadStorage is DeviceCache)

        let errors = zip(actual, expected).map { nmse($0, $1) }
        let otherErrors = zip(actual, other).map { nmse($0, $1) }
        let median = errors.sorted()[errors.count / 2]
        if c.integer {
            #expect(errors[0] < 1e-2 && median < 1e-2, "NMSE at the first position \(errors[0]), median \(median): \(errors)")
            #expect(errors.allSatisfy { $0 < 0.2 }, "\(errors)")
        } else {
            for (step, error) in errors.enumerated() { #expect(error < Self.logitsLimit, "position \(step): NMSE \(error)") }
            for (step, error) in otherErrors.enumerated() {
                #expect(error < ModelOffload.validationLimit, "position \(step): NMSE \(error) against the usual path")
            }
        }
        for (step, e) in expected.enumerated() {
            let (token, lead) = Self.best(e)
            if lead >= Self.margin {
                #expect(Self.best(actual[step]).token == token, "position \(step): the card chose another token (lead \(lead))")
            }
        }
        if c.integer {
            // For scale: the processor's own portable path against its usual one, same tokens.
            model.offload = nil
            model.productKernel = .path(.portable)
            let portableCache = try model.makeCache(capacity: 64)
            var portable = [try model.forward(prompt, cache: portableCache)]
            for token in tokens { portable.append(try model.forward([token], cache: portableCache)) }
            let spread = zip(portable, expected).map { nmse($0, $1) }.sorted()
            print("\(c.testDescription): the processor's portable path against its usual one: worst \(spread.last!), median \(spread[spread.count / 2])")
        }
        let names = c.integer ? ("usual (8-bit inputs)", "unquantised") : ("unquantised", "usual (8-bit inputs)")
        print("\(c.testDescription): logits NMSE against the \(names.0) reference: worst \(errors.max()!), median \(median); "
              + "worst against the \(names.1) path \(otherErrors.max()!), over \(actual.count) positions")
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
