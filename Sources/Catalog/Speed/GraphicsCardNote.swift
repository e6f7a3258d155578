// While the engine runs on the processor only, a machine with a usable graphics card is told so,
// with how much faster the card would be where its memory bandwidth is known.

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

    public static func note(for gpus: [GPUFacts], processorBandwidth: Double) -> String? {
        guard let card = usableCard(in: gpus) else { return nil }
        let name = card.name ?? "\(card.vendor.displayName) graphics card"
        if let known = knownBandwidth.first(where: { card.name?.contains($0.name) == true }), processorBandwidth > 0 {
            let times = Int((known.bytesPerSecond / processorBandwidth).rounded())
            return "Onramp runs on the processor for now; with the \(name) this would be about \(times)× faster."
        }
        return "Onramp runs on the processor for now; with the \(name) it would be several times faster."
    }
}
