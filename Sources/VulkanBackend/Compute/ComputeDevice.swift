// A Vulkan device opened for compute work: its queue, one command buffer and fence, a pool of
// descriptor sets, and the compute pipelines made so far. Buffers keep their device alive, so
// the device is torn down only after the last of them, in the order Vulkan requires.

import CVulkan

public final class ComputeDevice {
    public let info: VulkanDeviceInfo
    let instance: VulkanInstance
    let physical: VkPhysicalDevice
    let handle: VkDevice
    let vk: DeviceFunctions
    let queue: VkQueue
    let memoryTypes: [VkMemoryType]
    let commandPool: VkCommandPool
    let commandBuffer: VkCommandBuffer
    let fence: VkFence
    let descriptorPool: VkDescriptorPool
    let pipelineCache: VkPipelineCache
    /// Whether shaders may use the integer dot product instruction (Vulkan 1.3's
    /// shaderIntegerDotProduct, enabled when the device has it): products then take 8-bit inputs.
    public let usesIntegerDotProduct: Bool
    var pipelines: [Shader: ComputePipeline] = [:]

    /// Descriptor sets one submission may use; a longer list of dispatches is refused.
    static let maxDispatchesPerSubmit = 4096
    /// How long one submission may run before it counts as hung.
    static let fenceTimeoutNanoseconds: UInt64 = 120_000_000_000

    /// Opens the device `request` selects. Throws the reason when none can be used.
    public static func open(
        request: DeviceRequest = .automatic, neededBytes: UInt64 = 0, library: String = VulkanSurvey.defaultLoader
    ) throws(VulkanUnavailable) -> ComputeDevice {
        let listing = try DeviceListing(library: library)
        let chosen = try DeviceSelection.choose(from: listing.devices.map(\.info), request: request, neededBytes: neededBytes).get()
        let physical = listing.devices[chosen.index].handle
        do {
            return try ComputeDevice(instance: listing.instance, physical: physical, info: chosen)
        } catch {
            throw .setupFailed(error)
        }
    }

    private init(instance: VulkanInstance, physical: VkPhysicalDevice, info: VulkanDeviceInfo) throws(VulkanError) {
        guard let family = instance.computeQueueFamily(of: physical) else {
            throw VulkanError(step: "finding a compute queue", detail: "the device has none")
        }
        let integerDot = info.prefersIntegerDotProduct && instance.apiVersion >= VulkanVersion(major: 1, minor: 3, patch: 0)
        let device = try Self.createDevice(instance: instance, physical: physical, family: family, integerDotProduct: integerDot)
        let vk: DeviceFunctions
        do {
            vk = try DeviceFunctions(device: device, lookUp: instance.functions.getDeviceProcAddr)
        } catch {
            if let destroy = instance.functions.getDeviceProcAddr(device, "vkDestroyDevice") {
                unsafeBitCast(destroy, to: PFN_vkDestroyDevice.self)(device, nil)
            }
            throw error
        }
        // Everything made below is destroyed in reverse order when a later step fails.
        var undo: [() -> Void] = [{ vk.destroyDevice(device, nil) }]
        func failing(_ error: VulkanError) -> VulkanError {
            undo.reversed().forEach { $0() }
            return error
        }

        var queue: VkQueue?
        vk.getDeviceQueue(device, family, 0, &queue)

        var poolInfo = VkCommandPoolCreateInfo()
        poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO
        poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT.rawValue
        poolInfo.queueFamilyIndex = family
        var commandPool: VkCommandPool?
        var result = vk.createCommandPool(device, &poolInfo, nil, &commandPool)
        guard result == VK_SUCCESS, let commandPool, let queue else {
            throw failing(VulkanError(step: "creating a command pool", result: result))
        }
        undo.append { vk.destroyCommandPool(device, commandPool, nil) }

        var bufferInfo = VkCommandBufferAllocateInfo()
        bufferInfo.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO
        bufferInfo.commandPool = commandPool
        bufferInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY
        bufferInfo.commandBufferCount = 1
        var commandBuffer: VkCommandBuffer?
        result = vk.allocateCommandBuffers(device, &bufferInfo, &commandBuffer)
        guard result == VK_SUCCESS, let commandBuffer else {
            throw failing(VulkanError(step: "allocating a command buffer", result: result))
        }

        var fenceInfo = VkFenceCreateInfo()
        fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO
        var fence: VkFence?
        result = vk.createFence(device, &fenceInfo, nil, &fence)
        guard result == VK_SUCCESS, let fence else { throw failing(VulkanError(step: "creating a fence", result: result)) }
        undo.append { vk.destroyFence(device, fence, nil) }

        var poolSize = VkDescriptorPoolSize(
            type: VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, descriptorCount: UInt32(Self.maxDispatchesPerSubmit * Shader.maxBindings))
        var descriptorInfo = VkDescriptorPoolCreateInfo()
        descriptorInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO
        descriptorInfo.maxSets = UInt32(Self.maxDispatchesPerSubmit)
        descriptorInfo.poolSizeCount = 1
        var descriptorPool: VkDescriptorPool?
        result = withUnsafePointer(to: &poolSize) { sizes in
            descriptorInfo.pPoolSizes = sizes
            return vk.createDescriptorPool(device, &descriptorInfo, nil, &descriptorPool)
        }
        guard result == VK_SUCCESS, let descriptorPool else {
            throw failing(VulkanError(step: "creating a descriptor pool", result: result))
        }
        undo.append { vk.destroyDescriptorPool(device, descriptorPool, nil) }

        var cacheInfo = VkPipelineCacheCreateInfo()
        cacheInfo.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO
        var pipelineCache: VkPipelineCache?
        result = vk.createPipelineCache(device, &cacheInfo, nil, &pipelineCache)
        guard result == VK_SUCCESS, let pipelineCache else {
            throw failing(VulkanError(step: "creating a pipeline cache", result: result))
        }

        var memory = VkPhysicalDeviceMemoryProperties2()
        memory.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2
        instance.functions.getPhysicalDeviceMemoryProperties2(physical, &memory)
        let typeCount = Int(min(memory.memoryProperties.memoryTypeCount, UInt32(VK_MAX_MEMORY_TYPES)))
        memoryTypes = withUnsafeBytes(of: memory.memoryProperties.memoryTypes) {
            Array($0.bindMemory(to: VkMemoryType.self).prefix(typeCount))
        }

        self.info = info
        self.instance = instance
        self.physical = physical
        handle = device
        self.vk = vk
        self.queue = queue
        self.commandPool = commandPool
        self.commandBuffer = commandBuffer
        self.fence = fence
        self.descriptorPool = descriptorPool
        self.pipelineCache = pipelineCache
        usesIntegerDotProduct = integerDot
    }

    deinit {
        _ = vk.deviceWaitIdle(handle)
        for pipeline in pipelines.values { pipeline.destroy(vk, handle) }
        vk.destroyPipelineCache(handle, pipelineCache, nil)
        vk.destroyDescriptorPool(handle, descriptorPool, nil)
        vk.destroyFence(handle, fence, nil)
        vk.destroyCommandPool(handle, commandPool, nil)
        vk.destroyDevice(handle, nil)
    }

    private static func createDevice(
        instance: VulkanInstance, physical: VkPhysicalDevice, family: UInt32, integerDotProduct: Bool
    ) throws(VulkanError) -> VkDevice {
        var priority: Float = 1
        var created: VkDevice?
        var dotProduct = VkPhysicalDeviceShaderIntegerDotProductFeatures()
        dotProduct.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES
        dotProduct.shaderIntegerDotProduct = VkBool32(VK_TRUE)
        let result = withUnsafePointer(to: &priority) { priorityPointer in
            var queueInfo = VkDeviceQueueCreateInfo()
            queueInfo.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO
            queueInfo.queueFamilyIndex = family
            queueInfo.queueCount = 1
            queueInfo.pQueuePriorities = priorityPointer
            return withUnsafePointer(to: &queueInfo) { queuePointer in
                var deviceInfo = VkDeviceCreateInfo()
                deviceInfo.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO
                deviceInfo.queueCreateInfoCount = 1
                deviceInfo.pQueueCreateInfos = queuePointer
                return withUnsafeMutablePointer(to: &dotProduct) { dotPointer in
                    deviceInfo.pNext = integerDotProduct ? UnsafeRawPointer(dotPointer) : nil
                    return instance.functions.createDevice(physical, &deviceInfo, nil, &created)
                }
            }
        }
        guard result == VK_SUCCESS, let created else { throw VulkanError(step: "creating the device", result: result) }
        return created
    }

    /// Records commands with `record`, submits them, and waits until the device has finished.
    /// One submission at a time: the command buffer, fence and descriptor pool are reused.
    func submit(_ record: (VkCommandBuffer) throws(VulkanError) -> Void) throws(VulkanError) {
        try VulkanError.check(vk.resetCommandPool(handle, commandPool, 0), "resetting the command pool")
        try VulkanError.check(vk.resetDescriptorPool(handle, descriptorPool, 0), "resetting the descriptor pool")
        var begin = VkCommandBufferBeginInfo()
        begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO
        begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT.rawValue
        try VulkanError.check(vk.beginCommandBuffer(commandBuffer, &begin), "starting a command buffer")
        do {
            try record(commandBuffer)
        } catch {
            _ = vk.endCommandBuffer(commandBuffer)
            throw error
        }
        try VulkanError.check(vk.endCommandBuffer(commandBuffer), "finishing a command buffer")
        var buffer: VkCommandBuffer? = commandBuffer
        let submitted = withUnsafePointer(to: &buffer) { buffers in
            var submit = VkSubmitInfo()
            submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO
            submit.commandBufferCount = 1
            submit.pCommandBuffers = buffers
            return vk.queueSubmit(queue, 1, &submit, fence)
        }
        try VulkanError.check(submitted, "submitting work to the device")
        var waited: VkFence? = fence
        let finished = vk.waitForFences(handle, 1, &waited, VkBool32(VK_TRUE), Self.fenceTimeoutNanoseconds)
        try VulkanError.check(finished, "waiting for the device")
        try VulkanError.check(vk.resetFences(handle, 1, &waited), "resetting a fence")
    }
}
