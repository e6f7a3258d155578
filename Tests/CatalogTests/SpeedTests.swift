// Speed prediction: memory-bound and compute-bound cases worked out by hand, the estimate from a
// profile's facts, and the graphics-card note.

import Foundation
import Probe
import Testing

@testable import Catalog

@Suite("Speed prediction")
struct SpeedTests {
    @Test("generation is bandwidth ÷ bytes per token when memory is the limit")
    func memoryBound() {
        // bytes/token = 4,000,000,000 + 131,072 × 512 = 4,067,108,864; ÷ 20e9 = 0.203355 s;
        // computation 14e9 ÷ 100e9 = 0.14 s; 0.203355 ÷ efficiency 0.62 = 0.327993 s → 3.0489 tokens/s.
        let p = SpeedPrediction.predict(TestModels.sevenB, file: TestModels.sevenB.files[0], on: TestModels.speed)
        #expect(p.limitedBy == .memoryBandwidth)
        #expect(abs(p.generationTokensPerSecond - 3.0489) < 0.001)
        // Prompt: 100e9 × 0.155 ÷ 14e9 = 1.1071 tokens/s.
        #expect(abs(p.promptTokensPerSecond - 1.1071) < 0.001)
        #expect(abs(p.generationRange.lowerBound - 3.0489 * 0.7) < 0.001)
        #expect(abs(p.generationWordsPerSecond - 3.0489 * 0.75) < 0.001)
    }

    @Test("generation is kernel throughput ÷ operations per token when the kernels are the limit")
    func computeBound() {
        // The 1B on 200 GB/s memory but 10 GFLOP/s kernels: memory 0.0041 s < computation
        // 2,471,628,864 ÷ 10e9 = 0.247163 s; ÷ 0.62 = 0.398650 s → 2.5085 tokens/s.
        var speed = TestModels.speed
        speed.memoryBandwidth = 200e9
        speed.generationFlops = 10e9
        let p = SpeedPrediction.predict(TestModels.oneB, file: TestModels.oneB.files[0], on: speed)
        #expect(p.limitedBy == .computation)
        #expect(abs(p.generationTokensPerSecond - 2.5085) < 0.001)
    }

    @Test("an estimate from facts is labelled, and its range is wider than a measurement's")
    func estimateIsWider() {
        let facts = TestModels.machine(total: 32 << 30, available: 28 << 30)
        let estimate = SpeedEstimate.estimate(for: facts)
        #expect(estimate.origin == .estimated)
        #expect(estimate.kernelPath == "avx2")
        #expect(estimate.threads == 8)
        #expect(estimate.memoryBandwidth == 50e9)  // 8 cores × 8 GB/s, capped at 50 GB/s
        #expect(estimate.generationFlops == 8 * 43e9)
        let p = SpeedPrediction.predict(TestModels.oneB, file: TestModels.oneB.files[0], on: estimate)
        #expect(p.generationRange.lowerBound == p.generationTokensPerSecond * 0.5)
    }

    @Test("the kernel path follows the CPU's instruction sets, as the engine chooses")
    func kernelPath() {
        #expect(SpeedEstimate.kernelPath(for: CPUFacts(architecture: "x86_64", features: [.avx2, .fma, .f16c, .avxvnni])) == "avx-vnni")
        #expect(SpeedEstimate.kernelPath(for: CPUFacts(architecture: "x86_64", features: [.avx2, .fma, .f16c])) == "avx2")
        #expect(SpeedEstimate.kernelPath(for: CPUFacts(architecture: "x86_64", features: [.avx, .f16c])) == "portable")
        #expect(SpeedEstimate.kernelPath(for: CPUFacts(architecture: "aarch64", features: [.neon, .dotprod])) == "portable")
    }

    @Test("a container's CPU quota limits the threads")
    func cpuQuota() {
        var facts = TestModels.machine(total: 64 << 30, available: 60 << 30)
        facts.memory.cgroup?.cpuLimitCores = .limited(4)
        #expect(SpeedEstimate.threads(for: facts) == 4)
    }

    @Test("a usable graphics card is named, with how much faster it would be")
    func graphicsCard() {
        let card = GPUFacts(vendor: .nvidia, name: "NVIDIA GeForce RTX 3060", driver: "nvidia", vramBytes: 12 << 30)
        #expect(GraphicsCardNote.note(for: [card], processorBandwidth: 40e9)
            == "Onramp runs on the processor for now; with the NVIDIA GeForce RTX 3060 this would be about 9× faster.")
        let integrated = GPUFacts(vendor: .intel, driver: "i915")
        #expect(GraphicsCardNote.note(for: [integrated], processorBandwidth: 40e9) == nil)
        let noDriver = GPUFacts(vendor: .nvidia, driver: "nouveau", vramBytes: 8 << 30)
        #expect(GraphicsCardNote.note(for: [noDriver], processorBandwidth: 40e9) == nil)
    }

    @Test("speed.json round-trips, and a broken one is an error")
    func speedFile() throws {
        let text = TestModels.speed.jsonText()
        #expect(try MachineSpeed.read(json: Data(text.utf8)) == TestModels.speed)
        #expect(throws: (any Error).self) { try MachineSpeed.read(json: Data("{}".utf8)) }
        var zero = TestModels.speed
        zero.memoryBandwidth = 0
        #expect(throws: (any Error).self) { try MachineSpeed.read(json: Data(zero.jsonText().utf8)) }
    }
}
