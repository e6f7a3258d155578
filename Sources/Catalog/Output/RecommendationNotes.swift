// Notes under a recommendation: how sure the speeds are, what limits memory, and the graphics
// card the engine does not use yet.

import Probe

enum RecommendationNotes {
    static func general(budget: MemoryBudget?, speed: MachineSpeed, facts: MachineFacts) -> [String] {
        var notes: [String] = []
        switch speed.origin {
        case .measured:
            notes.append(
                "Speeds are predicted from a measurement of this computer taking under a second (\(speed.threads) threads, "
                    + "\(speed.kernelPath) kernels); the real speed can differ by about a third. `onramp bench` measures a downloaded model.")
        case .estimated:
            notes.append(
                "Speeds are estimated from the processor's facts, not measured, and can be off by half either way.")
        }
        if let budget {
            if budget.limitedByCgroup {
                notes.append("This runs in a container whose memory limit is \(Amounts.gigabytes(budget.availableBytes)); models must fit inside it.")
            }
            if budget.swapBytes > 0 {
                notes.append("Swap (\(Amounts.gigabytes(budget.swapBytes))) is not counted: a model that spills into swap writes a word every few seconds.")
            }
            notes.append(
                "\(Amounts.gigabytes(budget.headroomBytes)) of the \(Amounts.gigabytes(budget.availableBytes)) free is left for your other programs.")
        }
        if let card = GraphicsCardNote.note(
            for: facts.gpus, processorBandwidth: speed.memoryBandwidth, engineCard: facts.drivers.vulkan.engineCard?.device) {
            notes.append(card)
        }
        return notes
    }
}
