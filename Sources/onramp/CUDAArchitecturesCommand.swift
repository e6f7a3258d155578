// `onramp cuda-architectures PATH…` (hidden): the child process the probe starts to read which card
// generations other tools' CUDA libraries were compiled for (see CUDAArchitectureListing).
import ArgumentParser
import Foundation
import LiveMachine
import Probe

struct CUDAArchitecturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CUDAArchitectureListing.subcommand,
        abstract: "Print the GPU architectures CUDA libraries were compiled for (used by the probe).",
        shouldDisplay: false)

    @Argument(help: "CUDA libraries (ELF files) to read.")
    var paths: [String] = []

    func run() throws {
        FileHandle.standardOutput.write(Data(CUDAArchitectureListing.readHere(paths: paths).utf8))
    }
}
