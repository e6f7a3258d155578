// How much of a model the graphics card the engine would use can hold: every layer and the output,
// or the first N layers (the rest run on the processor), by the engine's own rule (OffloadPlan:
// the card's free memory less 10 %). The card is the one the probe's Vulkan child reported for
// the engine, so this speaks of the same device `onramp run` will choose. The file's bytes are
// split by parameters: the token table (and the output matrix, the same table when tied) at the
// file's average bytes per parameter, the rest evenly over the layers; the card's working memory
// is the processor's for the same prompt batch (the device keeps the same rows).

import Engine
import Probe

public struct CardFit: Codable, Sendable, Equatable {
    /// The card's name, as Vulkan gives it.
    public let device: String
    /// Layers 0 ..< layers would run on the card.
    public let layers: Int
    public let totalLayers: Int
    /// Whether the final norm and the output projection would run there too.
    public let output: Bool
    /// What the plan puts on the card, and what the card has free.
    public let bytes: Int64
    public let availableBytes: Int64

    /// Every layer and the output: the processor only embeds the tokens.
    public var whole: Bool { output && layers == totalLayers }

    /// The plan for `file` of `model` with a cache of `context` tokens on `card`.
    public static func plan(_ model: CatalogModel, file: ModelFile, context: Int, card: EngineGraphicsCard.Device) -> CardFit {
        let available = card.freeBytes ?? card.memoryBytes
        let plan = OffloadPlan.make(needs(model, file: file, context: context), availableBytes: available, requested: nil)
        return CardFit(
            device: card.name, layers: plan.layers, totalLayers: model.layers, output: plan.output,
            bytes: Int64(clamping: plan.bytes), availableBytes: Int64(clamping: available))
    }

    static func needs(_ model: CatalogModel, file: ModelFile, context: Int) -> OffloadPlan.Needs {
        let layers = max(1, model.layers)
        let bytesPerParameter = Double(file.sizeBytes) / Double(max(1, model.parameters))
        let table = Int64(Double(model.embeddingParameters) * bytesPerParameter)
        let layerBytes = max(0, file.sizeBytes - (model.tiedEmbeddings ? table : 2 * table)) / Int64(layers)
        return OffloadPlan.Needs(
            layerBytes: Array(repeating: UInt64(layerBytes), count: layers),
            cacheBytesPerLayer: UInt64(model.kvBytesPerToken() * Int64(context) / Int64(layers)),
            outputBytes: UInt64(table),
            scratchBytes: UInt64(MemoryNeed.of(model, file: file, context: context).computeBytes))
    }
}
