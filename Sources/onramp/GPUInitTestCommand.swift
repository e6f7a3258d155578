// `onramp gpu-init-test cuda|vulkan` (hidden): the child process the probe starts to initialise CUDA through
// the real driver library, so a crash or hang there cannot take down `onramp doctor` (see CUDAInitTest, VulkanInitTest).
import ArgumentParser
import Foundation
import LiveMachine
import Probe

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
            (output, status) = (test.output, test.status.rawValue)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        throw ExitCode(status)
    }
}
