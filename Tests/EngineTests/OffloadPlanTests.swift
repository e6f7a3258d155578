// How many layers go to the card, from its free memory: every rule without a card.

import Testing
import Engine

@Suite("Offload plan: layers on the graphics card from its free memory")
struct OffloadPlanTests {
    static let mib: UInt64 = 1 << 20
    /// Four layers of 100 MiB, 10 MiB of cache each, a 50 MiB output, 20 MiB of scratch.
    static let needs = OffloadPlan.Needs(
        layerBytes: Array(repeating: 100 * mib, count: 4), cacheBytesPerLayer: 10 * mib, outputBytes: 50 * mib, scratchBytes: 20 * mib)
    /// What everything takes: 20 + 4 × 110 + 50 MiB.
    static let everything: UInt64 = 510 * mib

    /// Free memory that leaves exactly `bytes` usable after the headroom.
    static func free(leaving bytes: UInt64) -> UInt64 { UInt64((Double(bytes) / (1 - OffloadPlan.headroom)).rounded(.up)) }

    @Test("everything fits: all layers and the output")
    func allFit() {
        let plan = OffloadPlan.make(Self.needs, availableBytes: Self.free(leaving: Self.everything), requested: nil)
        #expect(plan == OffloadPlan(layers: 4, output: true, bytes: Self.everything, requestedButNotFitting: nil))
    }

    @Test("the layers fit but not the output: the output stays on the processor")
    func outputDoesNotFit() {
        let plan = OffloadPlan.make(Self.needs, availableBytes: Self.free(leaving: Self.everything - 1), requested: nil)
        #expect(plan.layers == 4)
        #expect(!plan.output)
        #expect(plan.bytes == 460 * Self.mib)
    }

    @Test("room for two and a half layers: the first two")
    func partial() {
        let plan = OffloadPlan.make(Self.needs, availableBytes: Self.free(leaving: 20 * Self.mib + 275 * Self.mib), requested: nil)
        #expect(plan.layers == 2)
        #expect(!plan.output)
        #expect(plan.requestedButNotFitting == nil)  // nothing was asked for
    }

    @Test("not even one layer: none, and the minimum names what one layer needs")
    func noneFit() {
        let plan = OffloadPlan.make(Self.needs, availableBytes: 100 * Self.mib, requested: nil)
        #expect(plan.layers == 0)
        #expect(OffloadPlan.minimumBytes(Self.needs) == Self.free(leaving: 130 * Self.mib))
    }

    @Test("--gpu-layers: honoured when it fits, capped at the model's layers, cut to what fits with a note")
    func requested() {
        let plenty: UInt64 = 64 << 30
        #expect(OffloadPlan.make(Self.needs, availableBytes: plenty, requested: 2) == OffloadPlan(
            layers: 2, output: false, bytes: 240 * Self.mib, requestedButNotFitting: nil))
        #expect(OffloadPlan.make(Self.needs, availableBytes: plenty, requested: 99).layers == 4)
        #expect(OffloadPlan.make(Self.needs, availableBytes: plenty, requested: 99).output)
        let tight = OffloadPlan.make(Self.needs, availableBytes: Self.free(leaving: 20 * Self.mib + 220 * Self.mib), requested: 3)
        #expect(tight.layers == 2)
        #expect(tight.requestedButNotFitting == 3)
        #expect(OffloadPlan.make(Self.needs, availableBytes: plenty, requested: 0).layers == 0)
    }
}
