// The first layers of a model computed somewhere other than this processor (a graphics card,
// VulkanBackend's DeviceLayers), and the rest here: what llama.cpp calls offloading layers.
// The engine knows only this door: it embeds the tokens and makes the RoPE tables, hands the
// batch over, and continues with its own layers from the hidden rows that come back (or takes
// the logits, when the offload also ran the output projection).

public protocol LayerOffload: AnyObject, Sendable {
    /// How many of the model's first layers run there.
    var layerCount: Int { get }
    /// Whether the final norm and the output projection run there too (only with every layer).
    var computesLogits: Bool { get }
    /// Runs the offloaded layers over `batch`. Called inside a forward pass, which holds `cache`:
    /// the offload keeps its own layers' keys and values in `cache.offloadStorage`.
    func run(_ batch: OffloadBatch, cache: KVCache) throws(ModelError)
}

/// One forward batch as the offload sees it; every pointer is valid only during `run`.
public struct OffloadBatch {
    /// `rows` × embedding floats: the scaled token embeddings on the way in; on the way out the
    /// rows after the offloaded layers (left as they are when the offload computed logits).
    public let hidden: UnsafeMutablePointer<Float>
    public let rows: Int
    /// The position of the first row (the cache holds positions 0 ..< start already).
    public let start: Int
    /// RoPE's cos/sin table for each row (`ropeDimensions` floats per row).
    public let ropeTable: UnsafePointer<Float>
    /// The same for the sliding-window layers when their base differs (Gemma 3), else nil.
    public let localRopeTable: UnsafePointer<Float>?
    /// With `computesLogits`: where the logits of the last `logitRows` rows go (vocabulary floats
    /// each); `logitRows` is 0 when the batch's logits are not wanted.
    public let logits: UnsafeMutablePointer<Float>?
    public let logitRows: Int
}
