// `onramp gpu-init-test cuda|vulkan` (hidden): the child process the probe starts to initialise CUDA or Vulkan
// through the real driver library, so a crash or hang there cannot take down `onramp doctor` (see CUDAInitTest,
// VulkanInitTest). The Vulkan child also runs the engine's own device survey and prints its choice
// (EngineGraphicsCardText), so the probe reports the device the engine would use in the engine's words.
import ArgumentParser
import Foundation
import LiveMachine
import Probe
import VulkanBackend

struct GPUInitTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: GPUInitTestProgram.subcommand,
        abstract: "Initialise a GPU compute library in this process and print what happened (used by the probe).",
        shouldDisplay: false)

    enum Library: String, ExpressibleByArgument, CaseIterable {
        case cuda
        case vulkan
    }

    @Argument(help: "The library to initialise: cuda or vulkan.")
    var library: Library

    func run() throws {
        let (output, status): (String, Int32)
        switch library {
        case .cuda:
            let test = CUDAInitTest.runHere()
            (output, status) = (test.output, test.status.rawValue)
        case .vulkan:
            let test = VulkanInitTest.runHere()
            let engine = EngineGraphicsCard(choice: VulkanSurvey.take().choice)
            (output, status) = (test.output + EngineGraphicsCardText.lines(engine), test.status.rawValue)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        throw ExitCode(status)
    }
}
