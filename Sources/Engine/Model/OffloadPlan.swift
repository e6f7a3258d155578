// How many of a model's layers go to the graphics card: all of them and the output projection
// when they fit, else the first N, from the device's free memory (pure arithmetic, tested
// without a card). llama.cpp's -ngl counts layers the same way.
// The engine (VulkanBackend's ModelOffload) plans with it, and the recommender (Catalog's CardFit)
// says with it how much of a model a card would hold.

public struct OffloadPlan: Equatable, Sendable {
    /// Layers 0 ..< layers run on the device.
    public var layers: Int
    /// Whether the final norm and output projection run there too.
    public var output: Bool
    /// Bytes the plan puts on the device.
    public var bytes: UInt64
    /// Set when fewer layers than asked for fit: the number asked for.
    public var requestedButNotFitting: Int?

    public init(layers: Int, output: Bool, bytes: UInt64, requestedButNotFitting: Int? = nil) {
        self.layers = layers
        self.output = output
        self.bytes = bytes
        self.requestedButNotFitting = requestedButNotFitting
    }

    /// What the device must hold for a model.
    public struct Needs: Equatable, Sendable {
        /// Each layer's weights.
        public var layerBytes: [UInt64]
        /// Keys and values of one layer for the whole context.
        public var cacheBytesPerLayer: UInt64
        /// The output norm and projection.
        public var outputBytes: UInt64
        /// Working memory for the largest batch.
        public var scratchBytes: UInt64

        public init(layerBytes: [UInt64], cacheBytesPerLayer: UInt64, outputBytes: UInt64, scratchBytes: UInt64) {
            self.layerBytes = layerBytes
            self.cacheBytesPerLayer = cacheBytesPerLayer
            self.outputBytes = outputBytes
            self.scratchBytes = scratchBytes
        }
    }

    /// The share of the free memory left alone: other programs and the driver use the card too,
    /// and a budget is an estimate.
    public static let headroom = 0.10

    /// The plan for `needs` on a device with `availableBytes` free. `requested`: --gpu-layers
    /// (nil: as many as fit; larger than the model: all of them, and the output).
    public static func make(_ needs: Needs, availableBytes: UInt64, requested: Int?) -> OffloadPlan {
        let usable = UInt64(Double(availableBytes) * (1 - headroom))
        let total = needs.layerBytes.count
        let wanted = min(max(0, requested ?? total), total)
        var used = needs.scratchBytes
        var layers = 0
        while layers < wanted {
            let next = needs.layerBytes[layers] + needs.cacheBytesPerLayer
            guard used + next <= usable else { break }
            used += next
            layers += 1
        }
        let output = layers == total && total > 0 && used + needs.outputBytes <= usable
        if output { used += needs.outputBytes }
        guard layers > 0 else {
            return OffloadPlan(layers: 0, output: false, bytes: 0, requestedButNotFitting: wanted > 0 && requested != nil ? wanted : nil)
        }
        return OffloadPlan(layers: layers, output: output, bytes: used, requestedButNotFitting: requested != nil && layers < wanted ? wanted : nil)
    }

    /// The bytes the smallest useful plan (one layer) needs, for "too little memory" messages.
    public static func minimumBytes(_ needs: Needs) -> UInt64 {
        let first = needs.layerBytes.first ?? 0
        return UInt64((Double(needs.scratchBytes + first + needs.cacheBytesPerLayer) / (1 - headroom)).rounded(.up))
    }
}
