// How much of a model the engine's graphics card would hold, against cases worked out by hand
// (the arithmetic is in each test's comment), and how the recommendation shows it.

import Probe
import Testing

@testable import Catalog

@Suite("Graphics card fit")
struct CardFitTests {
    let model = TestModels.sevenB
    var file: ModelFile { model.files[0] }

    static func card(free: UInt64) -> EngineGraphicsCard.Device {
        EngineGraphicsCard.Device(index: 0, name: "NVIDIA GeForce RTX 3060", kind: "discrete graphics card",
                                  memoryBytes: 12 << 30, freeBytes: free)
    }

    @Test("the file is split by parameters: the token table and the output matrix, the rest over the layers")
    func needs() {
        // 4,000,000,000 bytes for 7,000,000,000 parameters; the table is 32,000 × 4,096 = 131,072,000
        // of them: 74,898,285 bytes, twice (not tied). (4,000,000,000 − 2 × 74,898,285) ÷ 32 =
        // 120,318,857 a layer; the cache at 8,192 tokens is 131,072 × 8,192 ÷ 32 = 33,554,432 a layer;
        // the working memory is the processor's, 128,037,888 (FitTests).
        let needs = CardFit.needs(model, file: file, context: 8192)
        #expect(needs.layerBytes == Array(repeating: 120_318_857, count: 32))
        #expect(needs.cacheBytesPerLayer == 33_554_432)
        #expect(needs.outputBytes == 74_898_285)
        #expect(needs.scratchBytes == 128_037_888)
    }

    @Test("a card with room for it all: every layer and the output")
    func whole() {
        // 128,037,888 + 32 × (120,318,857 + 33,554,432) + 74,898,285 = 5,126,881,421 ≤ 0.9 × 12 GiB.
        let fit = CardFit.plan(model, file: file, context: 8192, card: Self.card(free: 12 << 30))
        #expect(fit.whole && fit.layers == 32 && fit.totalLayers == 32)
        #expect(fit.bytes == 5_126_881_421 && fit.availableBytes == 12 << 30)
        #expect(RecommendationText.cardLine(fit) == "On the graphics card (NVIDIA GeForce RTX 3060) every layer fits: 5.1 GB of its 12.9 GB free.")
    }

    @Test("a card with room for part of it: the first layers, the processor the rest")
    func part() {
        // 0.9 × 4 GiB = 3,865,470,566; less the working memory, 3,737,432,678 ÷ 153,873,289 = 24.3.
        let fit = CardFit.plan(model, file: file, context: 8192, card: Self.card(free: 4 << 30))
        #expect(!fit.whole && fit.layers == 24 && !fit.output)
        #expect(fit.bytes == 128_037_888 + 24 * 153_873_289)
        #expect(RecommendationText.cardLine(fit) == "On the graphics card (NVIDIA GeForce RTX 3060) 24 of 32 layers fit in its 4.3 GB free; the processor computes the rest.")
    }

    @Test("a card without room for one layer: the processor computes it all")
    func none() {
        // 0.9 × 200 MiB = 188,743,680 < 128,037,888 + 153,873,289.
        let fit = CardFit.plan(model, file: file, context: 8192, card: Self.card(free: 200 << 20))
        #expect(fit.layers == 0 && !fit.output)
        #expect(RecommendationText.cardLine(fit) == "The graphics card (NVIDIA GeForce RTX 3060) has 0.2 GB free, too little for one layer: the processor computes it all.")
    }

    @Test("the recommendation shows the card's share under each model when the probe found the engine's card, and nothing without one")
    func inRecommendation() throws {
        let catalog = try ModelCatalog(models: [TestModels.oneB])
        var facts = TestModels.machine(total: 32 * TestModels.gib, available: 24 * TestModels.gib)
        let plain = Recommender.recommend(catalog: catalog, facts: facts, speed: TestModels.speed, goal: .chat, engineArchitectures: ["llama"])
        #expect(plain.candidates.allSatisfy { $0.card == nil })
        #expect(!RecommendationText.render(plain, all: true).contains("graphics card ("))

        facts.drivers.vulkan.engineCard = EngineGraphicsCard(device: Self.card(free: 11 << 30))
        let withCard = Recommender.recommend(catalog: catalog, facts: facts, speed: TestModels.speed, goal: .chat, engineArchitectures: ["llama"])
        let fit = try #require(withCard.candidates.first?.card)
        #expect(fit.whole && fit.totalLayers == 16)
        let text = RecommendationText.render(withCard, all: true)
        #expect(text.contains("On the graphics card (NVIDIA GeForce RTX 3060) every layer fits"), "\(text)")
        #expect(withCard.jsonText().contains("\"card\""))
    }
}
