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
        // The untied embedding table (131,072,000 of 7e9 weights) is not read per token:
        // bytes/token = 4e9 × 6,868,928,000 ÷ 7e9 + 131,072 × 512 = 3,992,210,578; ÷ 20e9 = 0.199611 s;
        // computation 2 × 6,868,928,000 ÷ 100e9 = 0.137379 s; 0.199611 ÷ 0.62 = 0.321953 s → 3.1060 tokens/s.
        let p = SpeedPrediction.predict(TestModels.sevenB, file: TestModels.sevenB.files[0], on: TestModels.speed)
        #expect(p.limitedBy == .memoryBandwidth)
        #expect(abs(p.generationTokensPerSecond - 3.1060) < 0.001)
        // Prompt: blocks 2 × (7e9 − 2 × 131,072,000) = 13,475,712,000, attention over 256 positions
        // 4 × 32 × 32 × 128 × 256 × 7.8 = 1,046,898,278; 100e9 × 0.85 ÷ 14,522,610,278 = 5.8529 tokens/s.
        #expect(abs(p.promptTokensPerSecond - 5.8529) < 0.001)
        #expect(abs(p.generationRange.lowerBound - 3.1060 * 0.7) < 0.001)
        #expect(abs(p.generationWordsPerSecond - 3.1060 * 0.75) < 0.001)
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

    @Test("a prompt token costs the blocks' products and attention, not the embedding or output matrices")
    func promptOperations() throws {
        let smol = try #require(ModelCatalog.bundled().models.first { $0.id == "smollm2-135m-instruct" })
        // 2 × (134,515,008 − 49,152 × 576) = 212,406,912; attention 4 × 30 × 9 × 64 × 256 × 7.8 = 138,018,816.
        #expect(SpeedPrediction.promptOperationsPerToken(smol) == 350_425_728)
        // 97 GFLOP/s × 0.85 ÷ 350,425,728 = 235.29 tokens/s.
        var speed = TestModels.speed
        speed.generationFlops = 97e9
        let p = SpeedPrediction.predict(smol, file: smol.files[0], on: speed)
        #expect(abs(p.promptTokensPerSecond - 235.29) < 0.01)
        // Untying the output matrix adds weights the prompt never multiplies: the prompt is no slower.
        var untied = TestModels.oneB
        untied.tiedEmbeddings = false
        untied.parameters += untied.embeddingParameters
        #expect(SpeedPrediction.promptOperationsPerToken(untied) == SpeedPrediction.promptOperationsPerToken(TestModels.oneB))
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
