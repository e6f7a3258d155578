// The speeds the recommender predicts are the processor's: a machine with a usable graphics card
// (the engine's own choice when the probe has it, else one the PCI facts suggest) is told that the
// engine can also compute on it (through Vulkan, checked by `onramp gpu`), with
// how much faster the card's memory is where its bandwidth is known. The card's own speed is not
// predicted: no card has been measured yet, and a guess would be shown as a prediction.

import Probe

public enum GraphicsCardNote {
    /// Memory bandwidth of cards seen in Onramp's profiles, from the makers' specification pages.
    static let knownBandwidth: [(name: String, bytesPerSecond: Double)] = [
        ("RTX 3060", 360e9),
        ("RTX 4070", 504e9),
        ("RX 6700 XT", 384e9),
        ("Arc A770", 560e9),
    ]

    /// The first card with its own memory (at least 4 GiB) that a driver runs, if any.
    public static func usableCard(in gpus: [GPUFacts]) -> GPUFacts? {
        gpus.first { gpu in
            guard let vram = gpu.vramBytes, vram >= 4 << 30 else { return false }
            switch gpu.driver {
            case "nvidia", "amdgpu": return true
            case nil: return gpu.name != nil  // WSL: the card is reached through /dev/dxg, not a PCI driver
            default: return false
            }
        }
    }

    /// - engineCard: the card the probe's Vulkan child reported for the engine, when it found one;
    ///   it is named before the PCI facts' guess, and the note points to the lines under each
    ///   model (CardFit) that say how much of it the card holds.
    public static func note(for gpus: [GPUFacts], processorBandwidth: Double, engineCard: EngineGraphicsCard.Device? = nil) -> String? {
        let name: String
        if let engineCard {
            name = engineCard.name
        } else if let card = usableCard(in: gpus) {
            name = card.name ?? "\(card.vendor.displayName) graphics card"
        } else {
            return nil
        }
        let share = engineCard == nil ? "" : " The line under each model says how much of it the card holds."
        if let known = knownBandwidth.first(where: { name.contains($0.name) }), processorBandwidth > 0 {
            let times = Int((known.bytesPerSecond / processorBandwidth).rounded())
            return "These speeds are for the processor. Onramp can also compute on the \(name) through Vulkan (onramp gpu checks it), whose memory is about \(times)× faster.\(share)"
        }
        return "These speeds are for the processor. Onramp can also compute on the \(name) through Vulkan (onramp gpu checks it), usually several times faster.\(share)"
    }
}
