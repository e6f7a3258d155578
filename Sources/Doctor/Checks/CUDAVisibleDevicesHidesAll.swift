// Finds CUDA_VISIBLE_DEVICES set so that no NVIDIA card is left visible to programs.

import Probe

public struct CUDAVisibleDevicesHidesAll: Check {
    public let id = "env.cuda-visible-devices-hides-all"
    public let area = Area.environment

    static let kind = FindingKind(
        id: "env.cuda-visible-devices-hides-all", area: .environment, severity: .error,
        title: "CUDA_VISIBLE_DEVICES hides every NVIDIA card",
        explanation: "CUDA_VISIBLE_DEVICES lists the cards programs may use. Its current value matches none "
            + "of the cards in this computer (empty, -1, or numbers that do not exist), so every CUDA program "
            + "behaves as if there were no GPU.",
        fix: .steps(
            .command("unset CUDA_VISIBLE_DEVICES"),
            .command("grep -n CUDA_VISIBLE_DEVICES ~/.bashrc ~/.profile ~/.zshrc /etc/environment 2>/dev/null   # find where it is set")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let value = facts.environment.cudaVisibleDevices else { return [] }
        let cards = facts.gpus(.nvidia).count
        guard cards > 0, Self.hidesAll(value, cards: cards) else { return [] }
        return [Self.kind.found(evidence: [
            "CUDA_VISIBLE_DEVICES=\"\(value)\"", "NVIDIA cards on this computer: \(cards) (numbered 0–\(cards - 1))",
        ])]
    }

    /// CUDA reads the list up to the first invalid entry; UUIDs (`GPU-…`, `MIG-…`) may name any card,
    /// so a list starting with one is given the benefit of the doubt.
    static func hidesAll(_ value: String, cards: Int) -> Bool {
        let entries = value.split(separator: ",").map { String($0).trimmingSpaces() }
        guard let first = entries.first, !first.isEmpty else { return true }
        if first.hasPrefix("GPU-") || first.hasPrefix("MIG-") { return false }
        guard let index = Int(first) else { return true }
        return index < 0 || index >= cards
    }
}
