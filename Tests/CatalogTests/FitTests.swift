// Memory and disk fit against cases worked out by hand (the arithmetic is in each test's comment).

import Probe
import Testing

@testable import Catalog

@Suite("Memory and disk fit")
struct FitTests {
    let model = TestModels.sevenB
    var file: ModelFile { model.files[0] }
    let gib = TestModels.gib

    @Test("the KV cache is 2 × layers × context × KV heads × head size × 2 bytes")
    func kvCache() {
        // 2 × 32 × 8 × 128 × 2 = 131,072 bytes a token; × 8,192 = 1 GiB.
        #expect(model.kvBytesPerToken() == 131_072)
        #expect(MemoryNeed.of(model, file: file, context: 8192).kvCacheBytes == 1_073_741_824)
        #expect(model.kvBytesPerToken(bytesPerElement: 4) == 262_144)
    }

    @Test("the feed-forward width comes back out of the parameter count")
    func feedForward() {
        // (7,000,000,000 − 2 × 32,000 × 4,096) ÷ 32 = 210,558,000 a block; less attention
        // (2 × 4,096 × 4,096 + 2 × 4,096 × 1,024 = 41,943,040) ÷ (3 × 4,096) = 13,721.
        #expect(model.feedForwardLength == 13_721)
        // Llama 3.2 1B's config.json says 8,192.
        #expect(TestModels.oneB.feedForwardLength == 8192)
    }

    @Test("the need adds weights, KV cache, buffers and runtime")
    func need() {
        // Buffers a prompt token: f32 rows 3 × 4,096 + 2 × 4,096 + 2 × 1,024 + 2 × 13,721 + 128 =
        // 50,098 (× 4 = 200,392 bytes) and quantised copies 2 × (4,096 + 4,096 + 13,721) × 9 ÷ 8 =
        // 49,304: 249,696. × 512 (the batch) + 32,000 × 4 (logits) + 8,192 × 8 (scores) = 128,037,888.
        // Runtime: 32 MiB + 5 MiB + 32,000 × 185 = 44,717,312.
        // 4,000,000,000 + 1,073,741,824 + 128,037,888 + 44,717,312 = 5,246,497,024.
        let need = MemoryNeed.of(model, file: file, context: 8192)
        #expect(MemoryNeed.workingBytesPerPromptToken(model) == 249_696)
        #expect(need.computeBytes == 128_037_888)
        #expect(need.runtimeBytes == 44_717_312)
        #expect(need.totalBytes == 5_246_497_024)
    }

    @Test("a context shorter than a prompt batch sizes the buffers for the context")
    func shortContext() {
        // 100 tokens: 100 × 249,696 + 128,000 + 800 = 25,098,400.
        #expect(MemoryNeed.of(model, file: file, context: 100).computeBytes == 25_098_400)
    }

    @Test("free memory, not total, less a tenth for other programs")
    func budgetFromAvailable() throws {
        // 16 GiB total → headroom 1,717,986,918; 8 GiB free → 6,871,947,674 usable.
        let budget = try #require(MemoryBudget.from(TestModels.machine(total: 16 * gib, available: 8 * gib).memory))
        #expect(budget.headroomBytes == 1_717_986_918)
        #expect(budget.usableBytes == 6_871_947_674)
        #expect(!budget.limitedByCgroup)
        let fit = Fit.check(model, file: file, budget: budget, diskFreeBytes: 100_000_000_000)
        #expect(fit.verdict == .fits)
        #expect(fit.need.context == 8192)
        #expect(!fit.contextShortened)
    }

    @Test("headroom stays between 256 MiB and 2 GiB")
    func headroomBounds() {
        #expect(MemoryBudget.headroom(forMemoryOf: 1 << 30) == 256 << 20)
        #expect(MemoryBudget.headroom(forMemoryOf: 64 << 30) == 2 << 30)
    }

    @Test("a model that fits only with a shorter context gets the longest one that fits")
    func shorterContext() throws {
        // 8 GiB total → headroom 858,993,459; 6 GiB free → 5,583,457,485 usable.
        // 8,192 tokens need 5,246,497,024 + 15 % = 6,033,471,577 (too much);
        // 4,096 need 4,709,593,344 + 15 % = 5,416,032,345 (fits).
        let budget = try #require(MemoryBudget.from(TestModels.machine(total: 8 * gib, available: 6 * gib).memory))
        #expect(budget.usableBytes == 5_583_457_485)
        let fit = Fit.check(model, file: file, budget: budget, diskFreeBytes: nil)
        #expect(fit.verdict == .fits)
        #expect(fit.need.context == 4096)
        #expect(fit.need.totalBytes == 4_709_593_344)
        #expect(fit.contextShortened)
    }

    @Test("a model that does not fit even at 4,096 tokens is refused, with its need at 4,096")
    func doesNotFit() throws {
        // 8 GiB total, 4 GiB free → 3,435,973,837 usable; 4,096 tokens need 4,709,593,344.
        let budget = try #require(MemoryBudget.from(TestModels.machine(total: 8 * gib, available: 4 * gib).memory))
        let fit = Fit.check(model, file: file, budget: budget, diskFreeBytes: nil)
        #expect(fit.verdict == .tooLittleMemory)
        #expect(fit.need.context == 4096)
        #expect(fit.need.totalBytes == 4_709_593_344)
    }

    @Test("the 15 % margin decides a close case")
    func margin() throws {
        // 4,709,593,344 bytes at 4,096 tokens: 5,400,000,000 usable is enough without the margin, not with
        // it (5,416,032,345).
        let short = Fit.check(
            model, file: file, budget: MemoryBudget(availableBytes: 5_400_000_000, headroomBytes: 0, limitedByCgroup: false, swapBytes: 0),
            diskFreeBytes: nil)
        #expect(short.verdict == .tooLittleMemory)
        let enough = Fit.check(
            model, file: file, budget: MemoryBudget(availableBytes: 5_416_032_345, headroomBytes: 0, limitedByCgroup: false, swapBytes: 0),
            diskFreeBytes: nil)
        #expect(enough.verdict == .fits)
    }

    @Test("a container's cgroup limit wins over the machine's free memory, with a third kept free")
    func cgroupLimit() throws {
        // 64 GiB machine with 60 GiB free, 4 GiB container: headroom 1,431,655,765, usable 2,863,311,531.
        let facts = TestModels.machine(total: 64 * gib, available: 60 * gib, cgroupLimit: 4 * gib)
        let budget = try #require(MemoryBudget.from(facts.memory))
        #expect(budget.limitedByCgroup)
        #expect(budget.availableBytes == 4_294_967_296)
        #expect(budget.usableBytes == 2_863_311_531)
        #expect(Fit.check(model, file: model.files[0], budget: budget, diskFreeBytes: nil).verdict == .tooLittleMemory)
        // The 1B at 8,192 tokens: 807,694,464 + 268,435,456 (KV) + 512 × 138,496 + 128,256 × 4 + 65,536
        // (71,488,512) + 32 MiB + 5 MiB + 128,256 × 185 (62,524,672) = 1,210,143,104.
        let small = TestModels.oneB
        let fit = Fit.check(small, file: small.files[0], budget: budget, diskFreeBytes: nil)
        #expect(fit.verdict == .fits)
        #expect(fit.need.totalBytes == 1_210_143_104)
    }

    @Test("swap does not count: a machine with 16 GiB of swap and 512 MiB free fits no 7B")
    func swapOnly() throws {
        // 1 GiB total → headroom 256 MiB; 512 MiB free → 268,435,456 usable, whatever the swap.
        let facts = TestModels.machine(total: gib, available: gib / 2, swap: 16 * gib)
        let budget = try #require(MemoryBudget.from(facts.memory))
        #expect(budget.usableBytes == 268_435_456)
        #expect(budget.swapBytes == 17_179_869_184)
        #expect(Fit.check(model, file: file, budget: budget, diskFreeBytes: nil).verdict == .tooLittleMemory)
    }

    @Test("a download larger than the free disk (less 256 MiB of margin) does not fit")
    func diskTooSmall() throws {
        let budget = try #require(MemoryBudget.from(TestModels.machine(total: 16 * gib, available: 8 * gib).memory))
        // 4,000,000,000 + 268,435,456 > 4,200,000,000 free.
        #expect(Fit.check(model, file: file, budget: budget, diskFreeBytes: 4_200_000_000).verdict == .tooLittleDisk)
        #expect(Fit.check(model, file: file, budget: budget, diskFreeBytes: 4_300_000_000).verdict == .fits)
    }

    @Test("unknown free memory is said, not guessed")
    func unknownMemory() {
        #expect(MemoryBudget.from(MemoryFacts()) == nil)
        #expect(Fit.check(model, file: file, budget: nil, diskFreeBytes: nil).verdict == .memoryUnknown)
    }

    @Test("a model trained for less than 8,192 tokens is judged at its own context")
    func shortTrainedContext() throws {
        let short = TestModels.model(
            "short", architecture: "llama", parameters: 3_800_000_000, layers: 32, embedding: 3072, heads: 32, kvHeads: 32,
            headDimension: 96, context: 4096, fileBytes: 2_393_232_096)
        let budget = try #require(MemoryBudget.from(TestModels.machine(total: 16 * gib, available: 8 * gib).memory))
        let fit = Fit.check(short, file: short.files[0], budget: budget, diskFreeBytes: nil)
        #expect(fit.wantedContext == 4096)
        #expect(fit.need.context == 4096)
        #expect(!fit.contextShortened)
    }
}
