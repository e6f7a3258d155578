// `onramp bench-kernels`: times the matrix-product kernels (every path this CPU supports and
// the plain reference) on the shapes of a small model, without needing a model file.
import ArgumentParser
import Engine

struct KernelBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-kernels",
        abstract: "Measure the speed of the matrix-product kernels on this CPU (one thread).",
        discussion: "Set ONRAMP_KERNELS=portable to make the engine use the portable path everywhere.")

    @Flag(help: "Skip the slow reference kernels.")
    var noReference = false

    @Option(
        parsing: .unconditional,
        help: OptionRanges.kernelBenchSeconds.help("Seconds to repeat each measurement."),
        transform: OptionRanges.kernelBenchSeconds.parse)
    var seconds: Double = OptionRanges.kernelBenchSeconds.defaultValue

    func run() throws {
        print("kernel path chosen for this CPU: \(EngineSetup.kernels) (supported: \(KernelPath.supported.map(\.rawValue).joined(separator: ", ")))")
        for result in KernelBenchmark.run(includeReference: !noReference, minimumSeconds: seconds) {
            print(result)
        }
    }
}
