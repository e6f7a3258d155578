// What the self-test found about the graphics card, beside its checks (group `graphicsCard` in
// the report's list): the device it checked, or in one sentence why none was checked. The checks
// themselves run in VulkanBackend (`GraphicsCardSelfTest`), which the shell hands to `SelfTest.run`.

public struct GraphicsCardReport: Codable, Sendable, Equatable {
    /// The device checked, as Vulkan names it; nil when none was.
    public var device: String?
    /// Why no device was checked (no usable card, switched off earlier), one sentence; nil when one was.
    public var notChecked: String?
    /// What the person can do about it, when nothing was checked.
    public var advice: String?
    /// A device was named with --device: then not finding a usable one fails the self-test.
    public var requested: Bool
    /// Where the model given to the self-test runs with this card; nil when no model was given,
    /// its check on the card failed, or the report is older than this field.
    public var model: ModelPlacement?

    /// How much of a model the card takes, as `onramp run` would place it.
    public struct ModelPlacement: Codable, Sendable, Equatable {
        /// Layers on the card (the first ones); 0 when the whole model stays on the processor.
        public var layers: Int
        public var totalLayers: Int
        /// Whether the output layer is on the card too.
        public var output: Bool
        /// Why the model stays on the processor (one sentence), when `layers` is 0.
        public var processorReason: String?

        public init(layers: Int, totalLayers: Int, output: Bool, processorReason: String? = nil) {
            self.layers = layers
            self.totalLayers = totalLayers
            self.output = output
            self.processorReason = processorReason
        }
    }

    public init(device: String) {
        self.device = device
        requested = false
    }

    public init(notChecked: String, advice: String?, requested: Bool) {
        self.notChecked = notChecked
        self.advice = advice
        self.requested = requested
    }

    /// A device was asked for by name and could not be checked.
    public var requestFailed: Bool { requested && device == nil }
}

/// Runs the graphics card's checks, reporting each to `progress`; the shell passes VulkanBackend's.
public typealias GraphicsCardChecks = (_ progress: (SelfTestCheck) -> Void) -> (GraphicsCardReport, [SelfTestCheck])
