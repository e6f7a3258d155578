// The Vulkan device Onramp's own engine would compute on, or why it computes on the processor, as
// the Vulkan initialisation test child found it by running the engine's survey (`VulkanSurvey` in
// VulkanBackend, which the probe cannot import). The sentences are the engine's own
// (`VulkanUnavailable`), carried as text, so the probe, the doctor, `onramp gpu` and the engine
// say the same thing.

public struct EngineGraphicsCard: Codable, Sendable, Equatable {
    public struct Device: Codable, Sendable, Equatable {
        /// Position in Vulkan's list (what `--device` accepts).
        public var index: Int
        public var name: String
        /// In words: "discrete graphics card", "integrated graphics", …
        public var kind: String
        /// The driver's name and version text (Vulkan 1.2 drivers), e.g. "NVIDIA", "550.54.14".
        public var driverName: String?
        public var driverInfo: String?
        /// The size of the device's own memory.
        public var memoryBytes: UInt64
        /// What is free by the driver's budget (VK_EXT_memory_budget); nil when it has none.
        public var freeBytes: UInt64?

        public init(
            index: Int, name: String, kind: String, driverName: String? = nil, driverInfo: String? = nil,
            memoryBytes: UInt64, freeBytes: UInt64? = nil
        ) {
            self.index = index
            self.name = name
            self.kind = kind
            self.driverName = driverName
            self.driverInfo = driverInfo
            self.memoryBytes = memoryBytes
            self.freeBytes = freeBytes
        }

        /// "NVIDIA 550.54.14": the driver's name and version as one phrase, nil when unknown.
        public var driver: String? {
            let parts = [driverName, driverInfo].compactMap { $0 }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        }
    }

    /// The device the engine would use; nil when it uses the processor.
    public var device: Device?
    /// Why the engine uses the processor (one sentence), when `device` is nil.
    public var reason: String?
    /// What the person can do about it (one sentence), when `device` is nil.
    public var advice: String?

    public init(device: Device) {
        self.device = device
    }

    public init(reason: String, advice: String) {
        self.reason = reason
        self.advice = advice
    }
}
