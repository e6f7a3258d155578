// Notes which graphics card Onramp's own engine would compute on, or why it computes on the
// processor, from the probe's Vulkan child (which ran the engine's survey). For information only:
// a machine without a usable card runs models on the processor, and the underlying problems (no
// loader, no driver, Vulkan failing) are the other Vulkan checks' findings. The reason and advice
// are the engine's own sentences, so the doctor, `onramp gpu` and the engine agree.

import PlainText
import Probe

public struct EngineComputeDevice: Check {
    public let id = "engine.device"
    public let area = Area.gpu

    static let graphicsCard = FindingKind(
        id: "engine.graphics-card", area: .gpu, severity: .info,
        title: "Onramp's engine would compute on a graphics card",
        explanation: "Onramp asked Vulkan for the devices it can compute on, as its engine does, and this is the "
            + "one it would choose (a discrete card before integrated graphics, never a software renderer). "
            + "`onramp gpu` lists every device and checks the chosen one with a small computation.",
        fix: nil)

    static let processorOnly = FindingKind(
        id: "engine.processor-only", area: .gpu, severity: .info,
        title: "Onramp's engine computes on the processor",
        explanation: "Onramp asked Vulkan for a graphics card to compute on, as its engine does, and found none it "
            + "can use. Models still run, on the processor, more slowly than on a card. The evidence says why.",
        fix: .steps(.manual("If this computer has a graphics card, the fix shown on it is the engine's advice for "
            + "its reason (install the Vulkan loader or the card's Vulkan driver, update the driver); "
            + "`onramp gpu` shows what Vulkan reports.")))

    public var kinds: [FindingKind] { [Self.graphicsCard, Self.processorOnly] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        // Unknown (not checked, or a profile from before it was recorded): nothing to say.
        guard let card = facts.drivers.vulkan.engineCard else { return [] }
        if let device = card.device {
            var evidence = ["device: \(device.name) (\(device.kind), number \(device.index) in Vulkan's list)"]
            if let driver = device.driver { evidence.append("driver: \(driver)") }
            evidence.append("memory: " + NumberText.binaryBytes(device.memoryBytes)
                + (device.freeBytes.map { ", \(NumberText.binaryBytes($0)) free" } ?? ""))
            return [Self.graphicsCard.found(evidence: evidence, title: "Onramp's engine would compute on \(device.name)")]
        }
        guard let reason = card.reason else { throw OddFact("the engine's device choice has neither a device nor a reason") }
        let advice = card.advice.flatMap { $0.isEmpty ? nil : $0 }
        // The reason in the title too: the summary shows titles and fixes, and the fix alone
        // ("install its Vulkan driver") would not say what is wrong.
        return [Self.processorOnly.found(
            evidence: ["why: \(reason)"], fix: advice.map { .steps(.manual($0)) },
            title: "\(Self.processorOnly.title). \(reason)")]
    }
}
