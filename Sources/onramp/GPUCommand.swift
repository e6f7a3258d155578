// `onramp gpu`: the Vulkan devices this computer has, the one Onramp's engine would compute on
// (or why it uses the processor), and a quick check that the chosen device computes correctly.

import ArgumentParser
import PlainText
import VulkanBackend

struct GPUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpu",
        abstract: "Show the graphics card Onramp's engine would use through Vulkan, or why it uses the processor.",
        discussion: """
            Lists what Vulkan reports and checks the chosen device with one small computation compared \
            against the processor. A software renderer such as llvmpipe is used only when named with --device.
            """)

    @Option(name: .long, help: ArgumentHelp("The device to use: its number or part of its name (default: auto).", valueName: "device"))
    var device: String?

    func run() throws {
        let request = DeviceRequest(option: device)
        let survey = VulkanSurvey.take(request: request)
        let chosenIndex = try? survey.choice.get().index
        if !survey.devices.isEmpty {
            print("Vulkan devices:")
            for info in survey.devices {
                print("  \(info.index == chosenIndex ? "*" : " ") \(Self.describe(info))")
            }
        }
        switch survey.choice {
        case .success(let info):
            print("Onramp would compute on \(DeviceSelection.label(info)).")
            print(info.productsSentence)
            do {
                let opened = try ComputeDevice.open(request: .named(String(info.index)))
                let error = try DeviceCheck.productError(on: opened)
                let verdict = error < DeviceCheck.limit ? "matches" : "does NOT match"
                print("Check: a quantised matrix product on it \(verdict) the processor's (NMSE \(error)).")
                if error >= DeviceCheck.limit { throw ExitCode(1) }
            } catch let reason as VulkanUnavailable {
                throw StandardError.fail(reason.summary + " " + reason.advice, in: Self.self)
            } catch let error as VulkanError {
                throw StandardError.fail(error.message, in: Self.self)
            }
        case .failure(let reason):
            // Naming a device that cannot be used is a failed request; having no card is not.
            if request != .automatic { throw StandardError.fail("\(reason.summary) \(reason.advice)", in: Self.self) }
            print("Onramp uses the processor: \(reason.summary)")
            print("What to do: \(reason.advice)")
        }
    }

    static func describe(_ info: VulkanDeviceInfo) -> String {
        var parts = [info.kind.rawValue, "Vulkan \(info.apiVersion)"]
        if let driver = info.driverName {
            parts.append("driver \(driver)" + (info.driverInfo.map { $0.isEmpty ? "" : " \($0)" } ?? ""))
        }
        let memory = NumberText.binaryBytes(info.deviceMemoryBytes)
        parts.append(info.hasMemoryBudget ? "\(memory) memory, \(NumberText.binaryBytes(info.availableDeviceMemoryBytes)) free" : "\(memory) memory")
        return "\(DeviceSelection.label(info)): " + parts.joined(separator: ", ")
    }
}
