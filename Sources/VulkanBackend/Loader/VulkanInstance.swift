// A Vulkan instance: the loader started for Onramp, and the physical devices it lists.

import CVulkan

final class VulkanInstance {
    let loader: VulkanLoader
    let handle: VkInstance
    let functions: InstanceFunctions
    /// The Vulkan version the instance was made for: what a device may be used up to.
    let apiVersion: VulkanVersion

    init(loader: VulkanLoader) throws(VulkanUnavailable) {
        let loaderVersion = loader.instanceVersion()
        guard loaderVersion >= .required else { throw .loaderTooOld(version: loaderVersion) }
        guard let create = loader.global("vkCreateInstance", as: PFN_vkCreateInstance.self) else {
            throw .noLoader(library: loader.library, detail: "it has no vkCreateInstance")
        }
        let version = min(loaderVersion, .requested)
        let apiVersion = version.packed
        var created: VkInstance?
        let result = "Onramp".withCString { name in
            var application = VkApplicationInfo()
            application.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO
            application.pApplicationName = name
            application.pEngineName = name
            application.apiVersion = apiVersion
            return withUnsafePointer(to: &application) { applicationPointer in
                var info = VkInstanceCreateInfo()
                info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO
                info.pApplicationInfo = applicationPointer
                return create(&info, nil, &created)
            }
        }
        guard result == VK_SUCCESS, let created else {
            throw .noDriver(result: VulkanError.name(of: result))
        }
        do {
            functions = try InstanceFunctions(instance: created, loader: loader)
        } catch {
            if let destroy = loader.getInstanceProcAddr(created, "vkDestroyInstance") {
                unsafeBitCast(destroy, to: PFN_vkDestroyInstance.self)(created, nil)
            }
            throw .setupFailed(error)
        }
        self.loader = loader
        self.apiVersion = version
        handle = created
    }

    deinit { functions.destroyInstance(handle, nil) }

    /// The physical devices in Vulkan's order.
    func physicalDevices() throws(VulkanError) -> [VkPhysicalDevice] {
        var count: UInt32 = 0
        try VulkanError.check(functions.enumeratePhysicalDevices(handle, &count, nil), "counting Vulkan devices")
        var devices = [VkPhysicalDevice?](repeating: nil, count: Int(count))
        let result = functions.enumeratePhysicalDevices(handle, &count, &devices)
        guard result == VK_SUCCESS || result == VK_INCOMPLETE else {
            throw VulkanError(step: "listing Vulkan devices", result: result)
        }
        return devices.prefix(Int(count)).compactMap { $0 }
    }

    /// The index of a queue family that runs compute work, or nil.
    func computeQueueFamily(of device: VkPhysicalDevice) -> UInt32? {
        var count: UInt32 = 0
        functions.getPhysicalDeviceQueueFamilyProperties(device, &count, nil)
        var families = [VkQueueFamilyProperties](repeating: VkQueueFamilyProperties(), count: Int(count))
        functions.getPhysicalDeviceQueueFamilyProperties(device, &count, &families)
        let compute = VK_QUEUE_COMPUTE_BIT.rawValue
        // A compute-only family is often a separate engine that runs beside graphics work.
        if let dedicated = families.indices.first(where: {
            families[$0].queueFlags & compute != 0 && families[$0].queueFlags & VK_QUEUE_GRAPHICS_BIT.rawValue == 0
        }) {
            return UInt32(dedicated)
        }
        return families.indices.first { families[$0].queueFlags & compute != 0 }.map(UInt32.init)
    }

    /// The names of the device's extensions.
    func extensions(of device: VkPhysicalDevice) -> Set<String> {
        var count: UInt32 = 0
        guard functions.enumerateDeviceExtensionProperties(device, nil, &count, nil) == VK_SUCCESS else { return [] }
        var properties = [VkExtensionProperties](repeating: VkExtensionProperties(), count: Int(count))
        guard functions.enumerateDeviceExtensionProperties(device, nil, &count, &properties) == VK_SUCCESS else { return [] }
        return Set(properties.prefix(Int(count)).map { CString.read($0.extensionName) })
    }
}

/// Reading Vulkan's fixed-size character arrays (imported as tuples) as Swift strings.
enum CString {
    static func read<Tuple>(_ tuple: Tuple) -> String {
        withUnsafeBytes(of: tuple) { bytes in
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }
}

