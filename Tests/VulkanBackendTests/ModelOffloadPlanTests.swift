// ModelOffload's use of the plan on a device: too little free memory for one layer is a reason
// to stay on the processor, in the words VulkanUnavailable gives it.

import Engine
import Testing
@testable import VulkanBackend

@Suite("Offload plan on a device")
struct ModelOffloadPlanTests {
    static let mib: UInt64 = 1 << 20
    /// Four layers of 100 MiB, 10 MiB of cache each, a 50 MiB output, 20 MiB of scratch.
    static let needs = OffloadPlan.Needs(
        layerBytes: Array(repeating: 100 * mib, count: 4), cacheBytesPerLayer: 10 * mib, outputBytes: 50 * mib, scratchBytes: 20 * mib)

    @Test("a card with too little free memory for one layer: the processor, with what it has and what one layer needs")
    func tooLittleMemory() throws {
        let small = DeviceSelectionTests.device(2, "NVIDIA GeForce GT 710", .discrete, memory: 2 << 30, budget: 100 << 20)
        let result = ModelOffload.plan(Self.needs, on: small, requested: nil)
        guard case .failure(let reason) = result, case .tooLittleMemory(_, let available, let needed) = reason else {
            Issue.record("expected too little memory, got \(result)")
            return
        }
        #expect(available == 100 << 20)
        #expect(needed == OffloadPlan.minimumBytes(Self.needs))
        #expect(reason.summary == "NVIDIA GeForce GT 710 has 100.0 MiB of memory free; the model needs 144.4 MiB.")
        #expect(reason.advice.contains("Onramp runs on the processor meanwhile"))
        let roomy = DeviceSelectionTests.device(2, "NVIDIA GeForce RTX 3060", .discrete, memory: 12 << 30, budget: 11 << 30)
        #expect(try ModelOffload.plan(Self.needs, on: roomy, requested: nil).get().layers == 4)
    }
}
