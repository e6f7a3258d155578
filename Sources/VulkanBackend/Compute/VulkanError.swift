// A Vulkan call that failed while the backend set up or ran work: which step, and the result
// code's name, so a bug report says where it broke.

import CVulkan

public struct VulkanError: Error, Equatable, Sendable {
    /// What Onramp was doing, in words ("creating the device").
    public let step: String
    /// The VkResult's name, or a sentence when no call failed (a missing function, bad input).
    public let detail: String

    public init(step: String, detail: String) {
        self.step = step
        self.detail = detail
    }

    init(step: String, result: VkResult) {
        self.init(step: step, detail: Self.name(of: result))
    }

    public var message: String { "\(step) failed: \(detail)." }

    /// Throws unless `result` is VK_SUCCESS.
    static func check(_ result: VkResult, _ step: @autoclosure () -> String) throws(VulkanError) {
        guard result == VK_SUCCESS else { throw VulkanError(step: step(), result: result) }
    }

    static func name(of result: VkResult) -> String {
        switch result {
        case VK_SUCCESS: "VK_SUCCESS"
        case VK_NOT_READY: "VK_NOT_READY"
        case VK_TIMEOUT: "VK_TIMEOUT (the card did not finish in time)"
        case VK_INCOMPLETE: "VK_INCOMPLETE"
        case VK_ERROR_OUT_OF_HOST_MEMORY: "VK_ERROR_OUT_OF_HOST_MEMORY (out of main memory)"
        case VK_ERROR_OUT_OF_DEVICE_MEMORY: "VK_ERROR_OUT_OF_DEVICE_MEMORY (out of graphics memory)"
        case VK_ERROR_INITIALIZATION_FAILED: "VK_ERROR_INITIALIZATION_FAILED"
        case VK_ERROR_DEVICE_LOST: "VK_ERROR_DEVICE_LOST (the driver reset the card)"
        case VK_ERROR_MEMORY_MAP_FAILED: "VK_ERROR_MEMORY_MAP_FAILED"
        case VK_ERROR_LAYER_NOT_PRESENT: "VK_ERROR_LAYER_NOT_PRESENT"
        case VK_ERROR_EXTENSION_NOT_PRESENT: "VK_ERROR_EXTENSION_NOT_PRESENT"
        case VK_ERROR_FEATURE_NOT_PRESENT: "VK_ERROR_FEATURE_NOT_PRESENT"
        case VK_ERROR_INCOMPATIBLE_DRIVER: "VK_ERROR_INCOMPATIBLE_DRIVER"
        case VK_ERROR_TOO_MANY_OBJECTS: "VK_ERROR_TOO_MANY_OBJECTS"
        case VK_ERROR_OUT_OF_POOL_MEMORY: "VK_ERROR_OUT_OF_POOL_MEMORY"
        case VK_ERROR_INVALID_SHADER_NV: "VK_ERROR_INVALID_SHADER_NV"
        default: "VkResult \(result.rawValue)"
        }
    }
}
