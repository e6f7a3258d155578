// A Vulkan version as the API packs it into 32 bits (variant, major, minor, patch).

public struct VulkanVersion: Comparable, Sendable, CustomStringConvertible {
    public let major: UInt32
    public let minor: UInt32
    public let patch: UInt32

    public init(major: UInt32, minor: UInt32, patch: UInt32) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Reads VK_MAKE_API_VERSION's layout: 3 bits variant, 7 major, 10 minor, 12 patch.
    public init(packed: UInt32) {
        self.init(major: (packed >> 22) & 0x7f, minor: (packed >> 12) & 0x3ff, patch: packed & 0xfff)
    }

    public var packed: UInt32 { major << 22 | minor << 12 | patch }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (a: VulkanVersion, b: VulkanVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    /// What the backend needs: properties2 and memory properties2 (memory budgets) are core in 1.1.
    public static let required = VulkanVersion(major: 1, minor: 1, patch: 0)
    /// The newest version the backend asks for; the driver may support more.
    static let requested = VulkanVersion(major: 1, minor: 3, patch: 0)
}
