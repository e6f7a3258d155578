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
