// What Vulkan offers on this computer and which device Onramp would use, or why none:
// what `onramp gpu` prints and what the engine decides from.

import CVulkan

public struct VulkanSurvey: Sendable {
    /// Every device Vulkan lists (empty when Vulkan itself is unavailable).
    public var devices: [VulkanDeviceInfo]
    /// The device Onramp would compute on, or the reason it uses the processor.
    public var choice: Result<VulkanDeviceInfo, VulkanUnavailable>

    /// The Vulkan loader's file name, as every Linux distribution installs it.
    public static let defaultLoader = "libvulkan.so.1"

    public init(devices: [VulkanDeviceInfo], choice: Result<VulkanDeviceInfo, VulkanUnavailable>) {
        self.devices = devices
        self.choice = choice
    }

    /// Opens Vulkan, lists its devices and chooses one. `library` is the loader's file name
    /// (tests pass one that does not exist to see the no-loader path).
    public static func take(
        request: DeviceRequest = .automatic, neededBytes: UInt64 = 0, library: String = VulkanSurvey.defaultLoader
    ) -> VulkanSurvey {
        do {
            let listing = try DeviceListing(library: library)
            let devices = listing.devices.map(\.info)
            return VulkanSurvey(devices: devices, choice: DeviceSelection.choose(from: devices, request: request, neededBytes: neededBytes))
        } catch {
            return VulkanSurvey(devices: [], choice: .failure(error))
        }
    }
}

/// An instance with its devices described, kept together so a chosen device can be opened.
struct DeviceListing {
    let instance: VulkanInstance
    let devices: [(handle: VkPhysicalDevice, info: VulkanDeviceInfo)]

    init(library: String) throws(VulkanUnavailable) {
        let loader = try VulkanLoader(library: library)
        let instance = try VulkanInstance(loader: loader)
        let handles: [VkPhysicalDevice]
        do {
            handles = try instance.physicalDevices()
        } catch {
            throw .setupFailed(error)
        }
        self.instance = instance
        devices = handles.enumerated().map { (handle: $0.element, info: instance.describe($0.element, index: $0.offset)) }
    }
}
