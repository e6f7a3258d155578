// Speed prediction: memory-bound and compute-bound cases worked out by hand, the estimate from a
// profile's facts, and the graphics-card note.

import Foundation
import Probe
import Testing

@testable import Catalog

@Suite("Speed prediction")
struct SpeedTests {
    /// A measured machine: Q4_K streams 4e9 weights a second and reads prompts at 200 GFLOP/s,
    /// Q6_K 3e9 and 150 GFLOP/s; attention 0.1 ns per position and head element; a hand-off 1 µs.
    static let measured: MachineSpeed = {
        var speed = TestModels.speed
        speed.typeSpeeds = [
            "Q4_K": MachineSpeed.TypeSpeed(streamingWeights: 4e9, promptFlops: 200e9),
            "Q6_K": MachineSpeed.TypeSpeed(streamingWeights: 3e9, promptFlops: 150e9),
        ]
        speed.attentionSeconds = 1e-10
        speed.handOffSeconds = 1e-6
        return speed
    }()

    @Test("generation is each weight type at its measured streaming speed, plus the cache, attention and hand-offs")
    func generationFromMeasuredTypes() {
        // Llama 3.2 1B's shape, Q4_K_M (85 % Q4_K, 15 % Q6_K blocks, a Q6_K output matrix): blocks
        // 973,146,144 × (0.85 ÷ 4e9 + 0.15 ÷ 3e9) + output 262,668,288 ÷ 3e9 = 0.3430070 s; the cache
        // 32,768 × 512 ÷ 20e9 = 0.0008389 s; attention 16 × 32 × 64 × 512 × 1e-10 = 0.0016777 s;
        // ÷ 0.76, + 81 hand-offs × 1 µs → 2.19917 tokens/s.
        let p = SpeedPrediction.predict(TestModels.oneB, file: TestModels.oneB.files[0], on: Self.measured)
        #expect(abs(p.generationTokensPerSecond - 2.19917) < 0.0001)
        // The file's bytes at 20 GB/s would take 0.040 s: the kernels, not the memory, set the pace.
        #expect(p.limitedBy == .computation)
        #expect(abs(p.generationRange.lowerBound - 2.19917 * 0.7) < 0.0001)
        #expect(abs(p.generationWordsPerSecond - 2.19917 * 0.75) < 0.0001)
    }

    @Test("a prompt token costs the blocks' products at each type's batched speed and attention over the batch")
    func promptFromMeasuredTypes() {
        // 2 × 973,146,144 × (0.85 ÷ 200e9 + 0.15 ÷ 150e9) = 0.0102180 s, attention over all 512
        // positions 0.0016777 s; ÷ 0.80 → 67.2509 tokens/s. The output matrix is not counted.
        let p = SpeedPrediction.predict(TestModels.oneB, file: TestModels.oneB.files[0], on: Self.measured)
        #expect(abs(p.promptTokensPerSecond - 67.2509) < 0.001)
        // Untying the output matrix adds weights the prompt never multiplies: the prompt is no slower.
        var untied = TestModels.oneB
        untied.tiedEmbeddings = false
        untied.parameters += untied.embeddingParameters
        let q = SpeedPrediction.predict(untied, file: untied.files[0], on: Self.measured)
        #expect(abs(q.promptTokensPerSecond - p.promptTokensPerSecond) < 1e-9)
    }

    @Test("a file's own mixture of weight types decides its speed, not its quantisation's name")
    func fileMixture() {
        var speed = Self.measured
        speed.typeSpeeds?["Q5_0"] = MachineSpeed.TypeSpeed(streamingWeights: 2e9, promptFlops: 100e9)
        var file = TestModels.oneB.files[0]
        let usual = SpeedPrediction.predict(TestModels.oneB, file: file, on: speed)
        // Gemma 3 270M's Q4_K_M file holds mostly Q5_0 (its width is no multiple of 256).
        file.blockWeightTypes = ["Q5_0": 3, "Q4_K": 1]
        file.outputWeightType = "Q4_K"
        let own = SpeedPrediction.predict(TestModels.oneB, file: file, on: speed)
        // Prompt: 2 × 973,146,144 × (0.75 ÷ 100e9 + 0.25 ÷ 200e9) + 0.0016777 = 0.0187078 s; ÷ 0.80 → 42.7630.
        #expect(abs(own.promptTokensPerSecond - 42.7630) < 0.001)
        #expect(own.promptTokensPerSecond < usual.promptTokensPerSecond)
        // Generation: blocks 973,146,144 × (0.75 ÷ 2e9 + 0.25 ÷ 4e9) + 262,668,288 ÷ 4e9 = 0.4914185 s.
        let seconds = (0.4914185 + 0.0008389 + 0.0016777) / 0.76 + 81e-6
        #expect(abs(own.generationTokensPerSecond - 1 / seconds) < 0.0001)
    }

    @Test("without per-type timings (an estimate) each type streams at the memory's speed over its size, or the kernel's")
    func estimatedTypes() {
        // 20 GB/s: Q4_K (4.5 bits) 35.56e9 weights a second, Q6_K (6.5625 bits) 24.38e9; the one-token
        // kernel (100 GFLOP/s, 50e9 weights a second) keeps up with both.
        #expect(abs(TestModels.speed.streamingWeights(for: "Q4_K") - 20e9 * 8 / 4.5) < 1)
        #expect(abs(TestModels.speed.streamingWeights(for: "Q6_K") - 20e9 * 8 / 6.5625) < 1)
        var slow = TestModels.speed
        slow.generationFlops = 20e9
        #expect(slow.streamingWeights(for: "Q4_K") == 10e9)
        // The 7B (untied): blocks 6,737,856,000 × (0.85 ÷ 35.56e9 + 0.15 ÷ 24.38e9) + output 131,072,000
        // ÷ 24.38e9 = 0.2079065 s; cache 131,072 × 512 ÷ 20e9 = 0.0033554 s; attention 32 × 32 × 128 ×
        // 512 × (0.107e-9 × 126e9 ÷ 100e9) = 0.0090476 s; ÷ 0.76, + 161 µs → 3.44778 tokens/s.
        let p = SpeedPrediction.predict(TestModels.sevenB, file: TestModels.sevenB.files[0], on: TestModels.speed)
        #expect(abs(p.generationTokensPerSecond - 3.44778) < 0.0001)
        #expect(p.limitedBy == .memoryBandwidth)
        // Prompt: 2 × 6,737,856,000 ÷ (100e9 × 1.6) + 0.0090476 s, ÷ 0.80 → 8.57717 tokens/s.
        #expect(abs(p.promptTokensPerSecond - 8.57717) < 0.0001)
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

    @Test("a usable graphics card is named, with how much faster its memory is")
    func graphicsCard() {
        let card = GPUFacts(vendor: .nvidia, name: "NVIDIA GeForce RTX 3060", driver: "nvidia", vramBytes: 12 << 30)
        #expect(GraphicsCardNote.note(for: [card], processorBandwidth: 40e9)
            == "These speeds are for the processor. Onramp can also compute on the NVIDIA GeForce RTX 3060 through Vulkan (onramp gpu checks it), whose memory is about 9× faster.")
        let integrated = GPUFacts(vendor: .intel, driver: "i915")
        #expect(GraphicsCardNote.note(for: [integrated], processorBandwidth: 40e9) == nil)
        let noDriver = GPUFacts(vendor: .nvidia, driver: "nouveau", vramBytes: 8 << 30)
        #expect(GraphicsCardNote.note(for: [noDriver], processorBandwidth: 40e9) == nil)
        // The engine's own card, when the probe found it, is named whatever the PCI facts say.
        let engine = EngineGraphicsCard.Device(index: 0, name: "AMD Radeon RX 6700 XT (RADV NAVI22)", kind: "discrete graphics card", memoryBytes: 12 << 30)
        #expect(GraphicsCardNote.note(for: [integrated], processorBandwidth: 40e9, engineCard: engine)
            == "These speeds are for the processor. Onramp can also compute on the AMD Radeon RX 6700 XT (RADV NAVI22) through Vulkan (onramp gpu checks it), whose memory is about 10× faster. The line under each model says how much of it the card holds.")
    }

    @Test("speed.json round-trips with its per-type timings, an older one without them still reads, and a broken one is an error")
    func speedFile() throws {
        let text = Self.measured.jsonText()
        #expect(try MachineSpeed.read(json: Data(text.utf8)) == Self.measured)
        let older = try MachineSpeed.read(json: Data(TestModels.speed.jsonText().utf8))
        #expect(older == TestModels.speed && older.typeSpeeds == nil)
        #expect(throws: (any Error).self) { try MachineSpeed.read(json: Data("{}".utf8)) }
        var zero = TestModels.speed
        zero.memoryBandwidth = 0
        #expect(throws: (any Error).self) { try MachineSpeed.read(json: Data(zero.jsonText().utf8)) }
        var negative = Self.measured
        negative.typeSpeeds?["Q4_K"]?.promptFlops = -1
        #expect(throws: (any Error).self) { try MachineSpeed.read(json: Data(negative.jsonText().utf8)) }
    }
}
