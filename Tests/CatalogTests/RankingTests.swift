// Ranking: the most capable model that runs, fits and is fast enough wins; the others are listed
// with the reason; models already on disk come first; code falls back to general models.

import Probe
import Testing

@testable import Catalog

@Suite("Ranking")
struct RankingTests {
    static let eightB = TestModels.model(
        "big-llama", architecture: "llama", parameters: 8_000_000_000, layers: 32, embedding: 4096, heads: 32, kvHeads: 8,
        headDimension: 128, context: 131072, fileBytes: 4_920_739_168)
    static let qwen = TestModels.model(
        "qwen-4b", architecture: "qwen3", parameters: 4_000_000_000, layers: 36, embedding: 2560, heads: 32, kvHeads: 8,
        headDimension: 128, context: 40960, fileBytes: 4_280_404_704, quantization: "Q8_0")
    static let coder = TestModels.model(
        "coder", architecture: "qwen2", parameters: 1_500_000_000, layers: 28, embedding: 1536, heads: 12, kvHeads: 2,
        headDimension: 128, context: 32768, fileBytes: 1_646_573_344, uses: [.code], quantization: "Q8_0")
    static let tiny = TestModels.model(
        "tiny", architecture: "llama", parameters: 135_000_000, layers: 30, embedding: 576, heads: 9, kvHeads: 3,
        headDimension: 64, context: 8192, fileBytes: 98_362_432, uses: [.chat, .small], quantization: "Q4_1")

    let catalog: ModelCatalog

    init() throws {
        catalog = try ModelCatalog(models: [Self.tiny, TestModels.oneB, Self.eightB, Self.qwen, Self.coder])
    }

    func recommend(
        _ facts: MachineFacts, speed: MachineSpeed = TestModels.speed, goal: Goal = .chat, onDisk: Set<String> = []
    ) -> Recommendation {
        Recommender.recommend(
            catalog: catalog, facts: facts, speed: speed, goal: goal, engineArchitectures: ["llama"], onDisk: onDisk)
    }

    @Test("a roomy, fast machine gets the largest model the engine runs")
    func largestWins() throws {
        let r = recommend(TestModels.machine(total: 32 << 30, available: 28 << 30), speed: fast)
        #expect(r.best?.model.id == "big-llama")
        #expect(r.suitable.map(\.model.id) == ["big-llama", "test-1b", "tiny"])
        let qwen = try #require(r.candidates.first { $0.model.id == "qwen-4b" })
        #expect(qwen.verdict == .engineCannotRun)
        #expect(qwen.reason == "Onramp's engine does not run qwen3 models yet.")
    }

    @Test("the reason says the memory and the speed in words")
    func reasonInWords() throws {
        let r = recommend(TestModels.machine(total: 32 << 30, available: 28 << 30), speed: fast)
        let best = try #require(r.best)
        // 4,920,739,168 + 1,073,741,824 (KV) + 143,136,256 (buffers: 512 × 279,185 + 128,000 + 65,536, the
        // feed-forward 16,598 wide) + 44,717,312 (runtime) = 6,182,334,560 of 28 GiB − 2 GiB.
        #expect(best.fit.need.totalBytes == 6_182_334_560)
        #expect(best.reason.hasPrefix("Needs 6.2 GB of the 27.9 GB this computer can spare; about "))
        #expect(best.reason.hasSuffix(" words per second."))
    }

    @Test("a model under 5 tokens per second is passed over as too slow")
    func tooSlow() throws {
        // At 20 GB/s the 8B writes about 2.5 tokens per second.
        let r = recommend(TestModels.machine(total: 32 << 30, available: 28 << 30))
        #expect(r.best?.model.id == "test-1b")
        let big = try #require(r.candidates.first { $0.model.id == "big-llama" })
        #expect(big.verdict == .tooSlow)
        #expect(big.speed.generationTokensPerSecond < 5)
        #expect(big.reason.contains("too slow to chat"))
    }

    @Test("nothing recommended needs more than the memory there is")
    func neverOverBudget() throws {
        for free in [1, 2, 4, 8, 16] as [UInt64] {
            let r = recommend(TestModels.machine(total: 16 << 30, available: free << 30), speed: fast)
            let usable = try #require(r.budget).usableBytes
            for candidate in r.suitable { #expect(candidate.fit.need.totalBytes <= usable) }
        }
    }

    @Test("a model already on disk comes first when it qualifies")
    func onDiskFirst() {
        let r = recommend(TestModels.machine(total: 32 << 30, available: 28 << 30), speed: fast, onDisk: ["tiny.gguf"])
        #expect(r.best?.model.id == "tiny")
        #expect(r.best?.onDisk == true)
        #expect(r.best?.reason.hasSuffix("Already downloaded.") == true)
    }

    @Test("with no code model it can run, code falls back to general models and says so")
    func codeFallsBack() {
        let r = recommend(TestModels.machine(total: 32 << 30, available: 28 << 30), speed: fast, goal: .code)
        #expect(r.best?.model.id == "big-llama")
        #expect(r.candidates.first { $0.model.id == "coder" }?.verdict == .engineCannotRun)
        #expect(r.notes.first?.hasPrefix("No code model runs on this computer with Onramp yet") == true)
    }

    @Test("fast wants small models at 15 tokens per second or more")
    func fastGoal() {
        let r = recommend(TestModels.machine(total: 32 << 30, available: 28 << 30), goal: .fast)
        #expect(r.candidates.allSatisfy { $0.model.uses.contains(.small) })
        #expect(r.best?.model.id == "tiny")
        #expect(r.best.map { $0.speed.generationTokensPerSecond >= 15 } == true)
    }

    @Test("no model fits: no best, and every candidate has a reason")
    func nothingFits() {
        let r = recommend(TestModels.machine(total: 1 << 30, available: 200 << 20))
        #expect(r.best == nil)
        #expect(r.candidates.allSatisfy { !$0.reason.isEmpty })
        let text = RecommendationText.render(r, all: true)
        #expect(text.hasPrefix("No model in Onramp's catalog suits chatting on this computer yet."))
    }

    @Test("Q4_K_M is preferred over Q8_0 when both qualify")
    func quantizationPreference() throws {
        var model = TestModels.oneB
        model.files = [
            ModelFile(quantization: "Q8_0", repository: "t/r", fileName: "a-q8.gguf", sizeBytes: 1_321_083_008),
            ModelFile(quantization: "Q4_K_M", repository: "t/r", fileName: "a-q4.gguf", sizeBytes: 807_694_464),
        ]
        let candidate = Recommender.candidate(
            model, budget: MemoryBudget.from(TestModels.machine(total: 16 << 30, available: 8 << 30).memory),
            disk: nil, speed: fast, goal: .chat, engineArchitectures: ["llama"], onDisk: [])
        #expect(candidate.file.quantization == "Q4_K_M")
    }

    /// A desktop that streams 50 GB/s with kernels at 400 GFLOP/s: the 8B writes about 6 tokens/s.
    var fast: MachineSpeed {
        var speed = TestModels.speed
        speed.memoryBandwidth = 50e9
        speed.generationFlops = 400e9
        return speed
    }
}
