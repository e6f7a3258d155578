// What Vulkan reports about one device, as a plain value: enough to choose a device, to show
// it to people, and to size a model against its memory.

public struct VulkanDeviceInfo: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case discrete = "discrete graphics card"
        case integrated = "integrated graphics"
        case virtual = "virtual machine's graphics"
        case software = "software renderer on the processor"
        case other = "other device"
    }

    /// One memory heap; `budget` and `usage` come from VK_EXT_memory_budget where the driver has it.
    public struct MemoryHeap: Equatable, Sendable {
        public var sizeBytes: UInt64
        public var deviceLocal: Bool
        /// How much of the heap this process may use now, by the driver's estimate.
        public var budgetBytes: UInt64?
        /// How much of the heap this process already uses.
        public var usageBytes: UInt64?

        public init(sizeBytes: UInt64, deviceLocal: Bool, budgetBytes: UInt64? = nil, usageBytes: UInt64? = nil) {
            self.sizeBytes = sizeBytes
            self.deviceLocal = deviceLocal
            self.budgetBytes = budgetBytes
            self.usageBytes = usageBytes
        }

        /// The budget left when the driver reports one, else the heap's size.
        public var availableBytes: UInt64 {
            guard let budgetBytes else { return sizeBytes }
            return budgetBytes - min(budgetBytes, usageBytes ?? 0)
        }
    }

    /// Position in Vulkan's list, which `--device` also accepts.
    public var index: Int
    public var name: String
    public var kind: Kind
    public var vendorID: UInt32
    public var deviceID: UInt32
    public var apiVersion: VulkanVersion
    /// The driver's name and version text (Vulkan 1.2 drivers), e.g. "llvmpipe", "Mesa 22.3.6".
    public var driverName: String?
    public var driverInfo: String?
    public var heaps: [MemoryHeap]
    /// Whether the memory figures are the driver's live budget rather than heap sizes.
    public var hasMemoryBudget: Bool
    public var hasComputeQueue: Bool
    public var subgroupSize: UInt32?
    public var supportsFloat16: Bool
    public var supports16BitStorage: Bool
    public var supportsInt8: Bool
    public var supportsIntegerDotProduct: Bool
    /// Whether the driver runs the packed 4 × 8-bit signed dot product in hardware
    /// (integerDotProduct4x8BitPackedSignedAccelerated); without it the instruction is emulated.
    public var integerDotProductAccelerated: Bool
    /// The largest storage buffer one descriptor may cover.
    public var maxStorageBufferRange: UInt32

    public init(
        index: Int, name: String, kind: Kind, vendorID: UInt32 = 0, deviceID: UInt32 = 0, apiVersion: VulkanVersion,
        driverName: String? = nil, driverInfo: String? = nil, heaps: [MemoryHeap], hasMemoryBudget: Bool = false,
        hasComputeQueue: Bool = true, subgroupSize: UInt32? = nil, supportsFloat16: Bool = false,
        supports16BitStorage: Bool = false, supportsInt8: Bool = false, supportsIntegerDotProduct: Bool = false,
        integerDotProductAccelerated: Bool = false, maxStorageBufferRange: UInt32 = 1 << 27
    ) {
        self.index = index
        self.name = name
        self.kind = kind
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.apiVersion = apiVersion
        self.driverName = driverName
        self.driverInfo = driverInfo
        self.heaps = heaps
        self.hasMemoryBudget = hasMemoryBudget
        self.hasComputeQueue = hasComputeQueue
        self.subgroupSize = subgroupSize
        self.supportsFloat16 = supportsFloat16
        self.supports16BitStorage = supports16BitStorage
        self.supportsInt8 = supportsInt8
        self.supportsIntegerDotProduct = supportsIntegerDotProduct
        self.integerDotProductAccelerated = integerDotProductAccelerated
        self.maxStorageBufferRange = maxStorageBufferRange
    }

    /// Whether products should take 8-bit inputs and the integer dot product instruction here.
    /// A graphics card only where the driver says the instruction is accelerated: emulated, it may
    /// be slower than f32 inputs (llama.cpp's Vulkan backend and Chrome's WebGPU draw the same
    /// line; RADV, for one, reports it unaccelerated on AMD cards without the instruction). A
    /// software renderer reports it unaccelerated too, yet on lavapipe such products take about
    /// half the time of f32 inputs (IntegerProductTests' timing printout), so it uses them.
    public var prefersIntegerDotProduct: Bool {
        supportsIntegerDotProduct && (integerDotProductAccelerated || kind == .software)
    }

    /// How the engine's matrix products run on this device, in a sentence (`onramp gpu`). Either
    /// way the answers are checked; only the speed differs, so no sentence asks for anything.
    public var productsSentence: String {
        if prefersIntegerDotProduct {
            return "Its matrix products take 8-bit inputs and use its integer dot product instruction, the faster way."
        }
        if supportsIntegerDotProduct {
            return "Its matrix products take full-precision inputs: its driver only emulates the integer dot product instruction, "
                + "which can be slower. Nothing needs doing."
        }
        return "Its matrix products take full-precision inputs: it has no integer dot product instruction (a Vulkan 1.3 feature). "
            + "Nothing needs doing."
    }

    /// Memory the device's own heaps can still give (budget left, or size without a budget).
    public var availableDeviceMemoryBytes: UInt64 {
        heaps.filter(\.deviceLocal).reduce(0) { $0 + $1.availableBytes }
    }

    /// The size of the device's own memory.
    public var deviceMemoryBytes: UInt64 {
        heaps.filter(\.deviceLocal).reduce(0) { $0 + $1.sizeBytes }
    }
}
