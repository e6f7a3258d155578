// Putting a loaded model's layers on the graphics card, or saying why they stay on the
// processor: choose the device, plan the layers from its free memory, upload them, and check the
// model's first answer on the card against the processor before anyone relies on it. Every
// reason comes from VulkanUnavailable, the one place for those sentences.

import Engine

public enum ModelOffload {
    /// The largest difference (NMSE of the logits) between the card's and the processor's answer
    /// that counts as the same computation. With f32 inputs to its products the card agrees with
    /// the processor's unquantised products to 3e-6, while the processor's usual path quantises
    /// them to 8 bits first (as llama.cpp does), which alone moves the logits of the test models
    /// by up to 1.1e-2 (SmolLM2-135M; Gemma 3 270M 5.9e-3) over a generated text. With integer dot
    /// products the card's 8-bit codes differ from the usual path's about as much. On the check's
    /// prompt (`checkText`) both ways of the card are within 6e-3 of the usual path on Gemma 3 and
    /// 1.5e-3 on SmolLM2, and within 1.5e-3 on two other short texts. A card that computes
    /// wrongly (a broken driver, a shader it compiles wrongly) gives 1e-1 and more (a damaged
    /// layer: ModelOffloadTests).
    public static let validationLimit = 5e-2

    /// What the check before use asks the model: real text. A prompt of token ids spread over the
    /// vocabulary (as the check once used) meets rare tokens whose activations the processor's
    /// 8-bit inputs round coarsely: on Gemma 3 its usual path was 0.25 from the unquantised
    /// answer there, so a correct card looked 0.12 away and was refused.
    public static let checkText = "The capital of France is"

    /// `checkText` as `loaded`'s tokenizer encodes it, with its start token.
    public static func checkPrompt(_ loaded: LoadedModel) -> [TokenID] {
        let tokens = loaded.tokenizer.encode(checkText, addSpecial: true, parseSpecial: false)
        return tokens.isEmpty ? [0] : tokens
    }

    /// Where the model runs after `attach`.
    public enum Outcome {
        /// The first `plan.layers` layers on `device`; `error` is the check's NMSE.
        case onDevice(DeviceLayers, plan: OffloadPlan, error: Double)
        /// Every layer on the processor, and why.
        case processor(VulkanUnavailable)
    }

    /// Attaches an offload to `loaded`'s model when a device can take part of it; `gpuLayers` is
    /// --gpu-layers (nil: as many as fit), `capacity` the context the caller will use, and
    /// `switchedOff` says why a self-test switched a device (by name) off, if it did.
    public static func attach(
        to loaded: LoadedModel, request: DeviceRequest, gpuLayers: Int?, capacity: Int,
        library: String = VulkanSurvey.defaultLoader, switchedOff: (String) -> String? = { _ in nil }
    ) -> Outcome {
        let model = loaded.model
        let device: ComputeDevice
        do {
            device = try ComputeDevice.open(request: request, neededBytes: 0, library: library)
        } catch {
            return .processor(error)
        }
        let name = device.info.name
        if let reason = switchedOff(name) { return .processor(.switchedOff(device: name, reason: reason)) }
        if let unsupported = unsupportedType(in: model) {
            return .processor(.unsupportedModel(device: name, detail: "it has \(unsupported) weights, which the card's shaders do not read"))
        }
        let plan: OffloadPlan
        switch Self.plan(DeviceLayers.needs(of: model, capacity: capacity), on: device.info, requested: gpuLayers) {
        case .success(let chosen): plan = chosen
        case .failure(let reason): return .processor(reason)
        }
        let offload: DeviceLayers
        do {
            offload = try DeviceLayers(model: model, device: device, layerCount: plan.layers, output: plan.output)
        } catch {
            return .processor(.setupFailed(error))
        }
        let error: Double
        do {
            error = try firstAnswerError(model, offload, prompt: checkPrompt(loaded))
        } catch let failure as VulkanError {
            return .processor(.setupFailed(failure))
        } catch {
            return .processor(.setupFailed(VulkanError(step: "checking the model on the card", detail: "\(error)")))
        }
        guard error.isFinite, error < validationLimit else {
            return .processor(.wrongResults(device: name, error: error))
        }
        model.offload = offload
        return .onDevice(offload, plan: plan, error: error)
    }

    /// The layers `device` takes, from its free memory, or why it takes none.
    public static func plan(_ needs: OffloadPlan.Needs, on device: VulkanDeviceInfo, requested: Int?) -> Result<OffloadPlan, VulkanUnavailable> {
        let available = device.availableDeviceMemoryBytes
        let plan = OffloadPlan.make(needs, availableBytes: available, requested: requested)
        guard plan.layers > 0 else {
            return .failure(.tooLittleMemory(device: device.name, availableBytes: available, neededBytes: OffloadPlan.minimumBytes(needs)))
        }
        return .success(plan)
    }

    /// The NMSE between the last logits of `prompt` (`checkPrompt`: a batch, the cache and
    /// attention over several positions) computed with `offload` and without it. Leaves `model`
    /// without an offload.
    public static func firstAnswerError(_ model: TransformerModel, _ offload: DeviceLayers, prompt: [TokenID]) throws -> Double {
        let tokens = prompt.map { TokenID(min(Int($0), model.vocabularySize - 1)) }
        model.offload = nil
        let expected = try model.forward(tokens, cache: try model.makeCache(capacity: tokens.count + 1))
        model.offload = offload
        defer { model.offload = nil }
        let actual = try model.forward(tokens, cache: try model.makeCache(capacity: tokens.count + 1))
        return KernelSelfCheck.normalisedError(actual, expected)
    }

    /// The first weight type of the model's matrices the card has no shader for, if any.
    static func unsupportedType(in model: TransformerModel) -> GGMLType? {
        let matrices = [model.weights.output] + model.weights.layers.flatMap(\.matrices)
        return matrices.first { Kernels.matrixShader(for: $0.type) == nil }?.type
    }
}
