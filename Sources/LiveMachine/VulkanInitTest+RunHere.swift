// The Vulkan initialisation test itself: load the Vulkan loader, create an instance and list the
// physical devices with their types. It runs only in the child process `onramp gpu-init-test vulkan`
// (see Probe's `VulkanInitTest` for how the probe starts it and reads its answer).

#if canImport(Glibc)
import Glibc
#endif
import Probe

extension VulkanInitTest {
    /// Runs the test in this process and returns what to print and the exit status.
    public static func runHere(library: String = "libvulkan.so.1") -> (output: String, status: Status) {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return ("library: missing (\(reason))\n", .libraryMissing)
        }
        typealias CreateInstance = @convention(c) (UnsafeRawPointer, UnsafeRawPointer?, UnsafeMutablePointer<OpaquePointer?>) -> Int32
        typealias EnumerateDevices = @convention(c) (OpaquePointer, UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
        typealias DeviceProperties = @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Void
        typealias DestroyInstance = @convention(c) (OpaquePointer, UnsafeRawPointer?) -> Void
        guard let createSymbol = dlsym(handle, "vkCreateInstance"),
              let enumerateSymbol = dlsym(handle, "vkEnumeratePhysicalDevices"),
              let propertiesSymbol = dlsym(handle, "vkGetPhysicalDeviceProperties"),
              let destroySymbol = dlsym(handle, "vkDestroyInstance")
        else { return ("library: \(library) has no vkCreateInstance\n", .libraryMissing) }
        var output = "library: \(library)\n"

        // VkInstanceCreateInfo on a 64-bit machine: sType at 0, pointers at 8/24/40/56, counts at 32/48,
        // 64 bytes in all. Zero everything (no application info, layers or extensions) but the type.
        let createInfo = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        defer { createInfo.deallocate() }
        createInfo.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
        createInfo.storeBytes(of: UInt32(1), as: UInt32.self)  // VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO
        var instance: OpaquePointer?
        let result = unsafeBitCast(createSymbol, to: CreateInstance.self)(UnsafeRawPointer(createInfo), nil, &instance)
        output += "vkCreateInstance: \(result) \(resultName(result))\n"
        guard result == 0, let instance else { return (output, .initFailed) }
        defer { unsafeBitCast(destroySymbol, to: DestroyInstance.self)(instance, nil) }

        let enumerate = unsafeBitCast(enumerateSymbol, to: EnumerateDevices.self)
        var count: UInt32 = 0
        let countResult = enumerate(instance, &count, nil)
        guard countResult == 0 || countResult == 5 else {  // 5 is VK_INCOMPLETE
            output += "vkEnumeratePhysicalDevices: \(countResult) \(resultName(countResult))\n"
            return (output, .initFailed)
        }
        var devices = [OpaquePointer?](repeating: nil, count: Int(count))
        let listResult = devices.withUnsafeMutableBufferPointer { enumerate(instance, &count, $0.baseAddress) }
        guard listResult == 0 || listResult == 5 else {
            output += "vkEnumeratePhysicalDevices: \(listResult) \(resultName(listResult))\n"
            return (output, .initFailed)
        }
        // VkPhysicalDeviceProperties is 824 bytes; deviceType is at 16 and deviceName (256 chars) at 20.
        let properties = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
        defer { properties.deallocate() }
        for device in devices.prefix(Int(count)).compactMap({ $0 }) {
            properties.initializeMemory(as: UInt8.self, repeating: 0, count: 4096)
            unsafeBitCast(propertiesSymbol, to: DeviceProperties.self)(device, properties)
            let type = Int(properties.load(fromByteOffset: 16, as: UInt32.self))
            let nameBytes = UnsafeRawBufferPointer(start: properties + 20, count: 256)
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            output += "device: \(type < deviceTypes.count ? deviceTypes[type] : "other") \(name)\n"
        }
        output += "devices: \(count)\n"
        return (output, .initialised)
    }

    /// Names of the results a failing instance or driver gives (from the Vulkan headers).
    static func resultName(_ result: Int32) -> String {
        switch result {
        case 0: "VK_SUCCESS"
        case -1: "VK_ERROR_OUT_OF_HOST_MEMORY"
        case -2: "VK_ERROR_OUT_OF_DEVICE_MEMORY"
        case -3: "VK_ERROR_INITIALIZATION_FAILED"
        case -4: "VK_ERROR_DEVICE_LOST"
        case -6: "VK_ERROR_LAYER_NOT_PRESENT"
        case -7: "VK_ERROR_EXTENSION_NOT_PRESENT"
        case -9: "VK_ERROR_INCOMPATIBLE_DRIVER"
        default: "VK_RESULT_\(result)"
        }
    }
}
