// The doctor's note on the device Onramp's engine would compute on: the device with its driver and
// memory, or the engine's own reason and advice; information only, and nothing when unknown.

import Probe
import Testing
@testable import Doctor

@Suite("The engine's graphics card in the doctor")
struct EngineComputeDeviceTests {
    static let reason = "Vulkan is installed but found no driver for any graphics card (VK_ERROR_INCOMPATIBLE_DRIVER)."
    static let advice = "Install your card's Vulkan driver (AMD and Intel: mesa-vulkan-drivers; NVIDIA: the proprietary driver), then run onramp doctor."

    @Test("a chosen card is noted with its kind, driver and memory, for information")
    func chosen() throws {
        let facts = nvidiaMachine {
            $0.drivers.vulkan.engineCard = EngineGraphicsCard(device: .init(
                index: 0, name: "NVIDIA GeForce RTX 3060", kind: "discrete graphics card", driverName: "NVIDIA",
                driverInfo: "550.54.15", memoryBytes: 12 << 30, freeBytes: 11 << 30))
        }
        let finding = try #require(try EngineComputeDevice().run(facts).first)
        #expect(finding.id == "engine.graphics-card" && finding.severity == .info && finding.area == .gpu)
        #expect(finding.title == "Onramp's engine would compute on NVIDIA GeForce RTX 3060")
        #expect(finding.evidence == [
            "device: NVIDIA GeForce RTX 3060 (discrete graphics card, number 0 in Vulkan's list)",
            "driver: NVIDIA 550.54.15", "memory: 12.0 GiB, 11.0 GiB free",
        ])
    }

    @Test("no usable card: the engine's reason as evidence and its advice as the fix, for information, with or without a card")
    func processorOnly() throws {
        for facts in [nvidiaMachine(), healthyMachine()] {
            var machine = facts
            machine.drivers.vulkan.engineCard = EngineGraphicsCard(reason: Self.reason, advice: Self.advice)
            let finding = try #require(try EngineComputeDevice().run(machine).first)
            #expect(finding.id == "engine.processor-only" && finding.severity == .info)
            #expect(finding.evidence == ["why: " + Self.reason])
            #expect(finding.title == "Onramp's engine computes on the processor. " + Self.reason)
            #expect(finding.fix?.steps(for: .apt).map(\.text) == [Self.advice])
        }
    }

    @Test("unknown (not checked, or a profile from before it was recorded) claims nothing")
    func unknown() throws {
        #expect(try ids(EngineComputeDevice(), nvidiaMachine()) == [])
        #expect(try ids(EngineComputeDevice(), healthyMachine()) == [])
    }

    @Test("a fact with neither a device nor a reason is odd, not a finding")
    func odd() {
        var card = EngineGraphicsCard(reason: "x", advice: "y")
        card.reason = nil
        let facts = healthyMachine { $0.drivers.vulkan.engineCard = card }
        #expect(throws: OddFact.self) { try EngineComputeDevice().run(facts) }
    }
}
