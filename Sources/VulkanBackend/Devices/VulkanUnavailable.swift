// Why Onramp does not use a graphics card through Vulkan, in words for people: one place for
// these sentences, so the engine, `onramp gpu` and the doctor say the same thing.

import Foundation
import PlainText

public enum VulkanUnavailable: Error, Equatable, Sendable {
    /// The loader library could not be opened (not installed, or broken).
    case noLoader(library: String, detail: String)
    /// The loader opened but could not start Vulkan: usually no driver is installed for any card.
    case noDriver(result: String)
    /// The loader itself is older than the backend needs.
    case loaderTooOld(version: VulkanVersion)
    /// Vulkan works but lists no device at all.
    case noDevice
    /// Every device is a software renderer that runs on the processor (llvmpipe, SwiftShader).
    case onlySoftware(names: [String])
    /// The chosen card's driver speaks an older Vulkan than the backend needs.
    case driverTooOld(device: String, version: VulkanVersion)
    /// The card lacks something the backend cannot work without.
    case missingFeature(device: String, feature: String)
    /// The card has less free memory than the model needs.
    case tooLittleMemory(device: String, availableBytes: UInt64, neededBytes: UInt64)
    /// `--device` named a device that Vulkan does not list.
    case requestedNotFound(request: String, available: [String])
    /// Vulkan failed while Onramp set the card up.
    case setupFailed(VulkanError)
    /// The model needs something the graphics card path does not have yet (a weight type).
    case unsupportedModel(device: String, detail: String)
    /// The card computed the model's check differently from the processor (NMSE of the logits).
    case wrongResults(device: String, error: Double)
    /// An earlier `onramp selftest` found the card's kernels wrong and switched it off.
    case switchedOff(device: String, reason: String)

    /// One sentence: what is wrong.
    public var summary: String {
        switch self {
        case .noLoader(let library, _):
            "Vulkan is not installed: the Vulkan loader (\(library)) could not be opened."
        case .noDriver(let result):
            "Vulkan is installed but found no driver for any graphics card (\(result))."
        case .loaderTooOld(let version):
            "The Vulkan loader is version \(version); Onramp needs \(VulkanVersion.required) or newer."
        case .noDevice:
            "Vulkan is installed but lists no graphics card."
        case .onlySoftware(let names):
            "The only Vulkan device is a software renderer (\(names.joined(separator: ", "))), which computes on the processor, as Onramp already does."
        case .driverTooOld(let device, let version):
            "The driver for \(device) supports Vulkan \(version); Onramp needs \(VulkanVersion.required) or newer."
        case .missingFeature(let device, let feature):
            "\(device) lacks \(feature), which Onramp needs to compute on it."
        case .tooLittleMemory(let device, let available, let needed):
            "\(device) has \(NumberText.binaryBytes(available)) of memory free; the model needs \(NumberText.binaryBytes(needed))."
        case .requestedNotFound(let request, let available):
            available.isEmpty
                ? "No Vulkan device matches \"\(request)\": Vulkan lists none."
                : "No Vulkan device matches \"\(request)\"; Vulkan lists: \(available.joined(separator: "; "))."
        case .setupFailed(let error):
            "Vulkan failed while Onramp set up the graphics card: \(error.message)"
        case .unsupportedModel(let device, let detail):
            "Onramp cannot run this model on \(device) yet: \(detail)."
        case .wrongResults(let device, let error):
            "\(device) computed the model's first answer differently from the processor (difference \(String(format: "%.2g", error))), so Onramp does not use it."
        case .switchedOff(let device, let reason):
            "An earlier self-test switched \(device) off: \(reason)"
        }
    }

    /// One sentence: what the person can do about it.
    public var advice: String {
        switch self {
        case .noLoader:
            "Install the Vulkan loader and your card's Vulkan driver (Debian/Ubuntu: sudo apt install libvulkan1 mesa-vulkan-drivers; NVIDIA's driver brings its own)."
        case .noDriver:
            "Install your card's Vulkan driver (AMD and Intel: mesa-vulkan-drivers; NVIDIA: the proprietary driver), then run onramp doctor."
        case .loaderTooOld:
            "Update the Vulkan loader (libvulkan1) through your distribution's updates."
        case .noDevice:
            "Run onramp doctor to see whether the card and its driver are working."
        case .onlySoftware:
            "If this computer has a graphics card, install its Vulkan driver; name the software renderer with --device only for testing."
        case .driverTooOld:
            "Update the graphics driver through your distribution's updates or the vendor's installer."
        case .missingFeature:
            "Update the graphics driver; if that does not help, Onramp runs on the processor."
        case .tooLittleMemory:
            "Choose a smaller model, or close programs that use the graphics card; Onramp runs on the processor meanwhile."
        case .requestedNotFound:
            "Run onramp gpu to list the devices, then name one of them (or its number) with --device."
        case .setupFailed:
            "Update the graphics driver and run onramp doctor; Onramp runs on the processor meanwhile."
        case .unsupportedModel:
            "Onramp runs it on the processor; a model in a common quantisation (Q4_K_M, Q8_0) runs on the card."
        case .wrongResults:
            "Update the graphics driver and run onramp gpu to check the card; Onramp runs on the processor meanwhile."
        case .switchedOff:
            "After updating the graphics driver, run onramp selftest --reset, then onramp selftest to check the card again."
        }
    }
}
