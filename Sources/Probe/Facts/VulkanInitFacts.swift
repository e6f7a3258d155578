// What the Vulkan initialisation test in a child process found (see `VulkanInitTest`).

public struct VulkanInitFacts: Codable, Sendable, Equatable {
    /// vkCreateInstance's result: 0 is success; -9 (VK_ERROR_INCOMPATIBLE_DRIVER) means no driver answered.
    public var result: Int?
    public var resultName: String?
    /// Each physical device the instance lists.
    public var devices: [VulkanInitDevice]
    /// The child did not finish within its time-out (a hung driver).
    public var timedOut: Bool
    /// The child ended by a signal (a crash inside a driver).
    public var crashed: Bool

    public init(result: Int? = nil, resultName: String? = nil, devices: [VulkanInitDevice] = [], timedOut: Bool = false, crashed: Bool = false) {
        self.result = result
        self.resultName = resultName
        self.devices = devices
        self.timedOut = timedOut
        self.crashed = crashed
    }

    public var succeeded: Bool { result == 0 && !timedOut && !crashed }

    /// Devices that are real GPUs, not a software renderer such as llvmpipe or SwiftShader.
    public var hardwareDevices: [VulkanInitDevice] { devices.filter { $0.type != "cpu" } }
}

public struct VulkanInitDevice: Codable, Sendable, Equatable {
    public var name: String
    /// `integrated`, `discrete`, `virtual`, `cpu` or `other`.
    public var type: String

    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}
