// `--gpu-layers N` and `--device NAME`, shared by run, chat and bench: how much of the model goes
// to the graphics card, and which card. Without them Onramp uses a card when one can take at
// least one layer, and says so; `--gpu-layers 0` keeps everything on the processor.

import ArgumentParser
import Engine
import Foundation
import PlainText
import SelfTest
import VulkanBackend

struct GPUOptions: ParsableArguments {
    @Option(
        name: .customLong("gpu-layers"),
        help: ArgumentHelp("Layers to compute on the graphics card (default: as many as fit; 0: the processor only).", valueName: "n"))
    var gpuLayers: Int?

    @Option(name: .customLong("device"), help: ArgumentHelp("The graphics card to use: its number or part of its name, as onramp gpu lists them (default: auto).", valueName: "device"))
    var device: String?

    func validate() throws {
        if let gpuLayers, gpuLayers < 0 { throw ValidationError("--gpu-layers must be 0 or more.") }
    }

    /// Whether the person asked for the card (then a reason it is not used is always shown).
    var explicit: Bool { device != nil || (gpuLayers ?? 0) > 0 }

    /// Puts as many of `loaded`'s layers on the card as these options and its memory allow, and
    /// writes one line to standard error saying where the model runs when that is news. Returns
    /// the card and how many layers it took, or nil when every layer runs on the processor.
    @discardableResult
    func place(_ loaded: LoadedModel, capacity: Int) throws -> (device: String, layers: Int)? {
        if gpuLayers == 0 { return nil }
        let model = loaded.model
        let outcome = try TerminalProgress.whileSlow("Copying the model to the graphics card") {
            ModelOffload.attach(
                to: loaded, request: DeviceRequest(option: device), gpuLayers: gpuLayers, capacity: capacity,
                library: ProcessInfo.processInfo.environment[Self.loaderVariable] ?? VulkanSurvey.defaultLoader,
                switchedOff: Self.switchedOffReason)
        }
        if let line = Self.line(for: outcome, layers: model.shape.layers, explicit: explicit) {
            StandardError.write(line + "\n")
        }
        guard case .onDevice(let offload, let plan, _) = outcome else { return nil }
        return (offload.device.info.name, plan.layers)
    }

    /// Why an earlier self-test switched the card off; a list that cannot be read switches every
    /// card off (the processor is always right), and says so.
    static func switchedOffReason(_ device: String) -> String? {
        do {
            return try DisabledKernelPaths.graphicsCardDisabled(device: device)
        } catch {
            return "\(error)"
        }
    }

    /// A test switch: the Vulkan loader to open instead of libvulkan.so.1 (a missing file shows
    /// what a machine without Vulkan does).
    static let loaderVariable = "ONRAMP_VULKAN_LOADER"

    /// The line for `outcome`, or nil when there is nothing to say: no card was asked for and the
    /// machine simply has none (the doctor explains that case at length).
    static func line(for outcome: ModelOffload.Outcome, layers: Int, explicit: Bool) -> String? {
        switch outcome {
        case .onDevice(let offload, let plan, _):
            let part = plan.layers == layers
                ? "all \(layers) layers\(plan.output ? " and the output" : "")"
                : "\(plan.layers) of \(layers) layers (the rest on the processor)"
            var line = "Computing \(part) on \(offload.device.info.name)."
            if let asked = plan.requestedButNotFitting {
                line += " Only \(plan.layers) of the \(asked) layers asked for fit in its free memory."
            }
            return line
        case .processor(let reason):
            let quiet: Bool
            switch reason {
            case .noLoader, .noDriver, .noDevice, .onlySoftware: quiet = !explicit
            default: quiet = false
            }
            return quiet ? nil : "Using the processor: \(reason.summary) \(reason.advice)"
        }
    }
}
