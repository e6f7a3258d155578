// The CUDA initialisation test as the probe starts it: the real onramp binary run as
// `onramp gpu-init-test cuda`. Without an NVIDIA driver (this machine) it must say so quickly and
// never look like a failed driver; with one, it prints cuInit's result.

import Foundation
import Probe
import Testing

@Suite("onramp gpu-init-test (the probe's CUDA initialisation child)")
struct GPUInitTestCommandTests {
    @Test("it answers quickly with what it found, in the form the probe reads, and no false alarm")
    func answers() throws {
        let binary = try RequiredTools.onramp()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["gpu-init-test", "cuda"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let elapsed = clock.now - start
        switch process.terminationStatus {
        case CUDAInitTest.Status.libraryMissing.rawValue:
            // No libcuda here: the probe records no CUDA facts at all.
            #expect(stdout.hasPrefix("library: missing"))
            #expect(CUDAInitReader.read(stdout) == nil)
            #expect(elapsed < .seconds(2), "took \(elapsed) without a driver")
        case CUDAInitTest.Status.initialised.rawValue:
            let facts = try #require(CUDAInitReader.read(stdout))
            #expect(facts.succeeded && (facts.devices ?? 0) > 0)
        default:
            Issue.record("cuInit failed on this machine: \(stdout)")
        }
    }

    @Test("the hidden subcommand is not listed in onramp --help")
    func hidden() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try RequiredTools.onramp())
        process.arguments = ["--help"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let help = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!help.contains("gpu-init-test"))
    }
}
