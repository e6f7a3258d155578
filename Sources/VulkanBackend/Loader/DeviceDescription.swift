// Reads what one physical device reports (properties, features, memory heaps and budgets)
// into the plain `VulkanDeviceInfo` that selection and display work from.

import CVulkan

extension VulkanInstance {
    func describe(_ device: VkPhysicalDevice, index: Int) -> VulkanDeviceInfo {
        var basic = VkPhysicalDeviceProperties()
        functions.getPhysicalDeviceProperties(device, &basic)
        let apiVersion = VulkanVersion(packed: basic.apiVersion)
        let atLeast12 = apiVersion >= VulkanVersion(major: 1, minor: 2, patch: 0)
        let atLeast13 = apiVersion >= VulkanVersion(major: 1, minor: 3, patch: 0)
        let extensions = self.extensions(of: device)
        let hasBudget = extensions.contains("VK_EXT_memory_budget")

        var info = VulkanDeviceInfo(
            index: index, name: CString.read(basic.deviceName), kind: Self.kind(basic.deviceType),
            vendorID: basic.vendorID, deviceID: basic.deviceID, apiVersion: apiVersion,
            heaps: heaps(of: device, withBudget: hasBudget), hasMemoryBudget: hasBudget,
            hasComputeQueue: computeQueueFamily(of: device) != nil,
            maxStorageBufferRange: basic.limits.maxStorageBufferRange)
        guard apiVersion >= .required else { return info }

        // Properties2 with the subgroup size (1.1), the driver's name (core in 1.2) and whether the
        // integer dot product is accelerated (core in 1.3).
        var subgroup = VkPhysicalDeviceSubgroupProperties()
        subgroup.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES
        var driver = VkPhysicalDeviceDriverProperties()
        driver.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES
        var dotProperties = VkPhysicalDeviceShaderIntegerDotProductProperties()
        dotProperties.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_PROPERTIES
        var properties = VkPhysicalDeviceProperties2()
        properties.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2
        withUnsafeMutablePointer(to: &dotProperties) { dotPointer in
            driver.pNext = atLeast13 ? UnsafeMutableRawPointer(dotPointer) : nil
            withUnsafeMutablePointer(to: &driver) { driverPointer in
                subgroup.pNext = atLeast12 ? UnsafeMutableRawPointer(driverPointer) : nil
                withUnsafeMutablePointer(to: &subgroup) { subgroupPointer in
                    properties.pNext = UnsafeMutableRawPointer(subgroupPointer)
                    functions.getPhysicalDeviceProperties2(device, &properties)
                }
            }
        }
        info.subgroupSize = subgroup.subgroupSize
        if atLeast12 {
            info.driverName = CString.read(driver.driverName)
            info.driverInfo = CString.read(driver.driverInfo)
        }
        info.integerDotProductAccelerated = atLeast13 && dotProperties.integerDotProduct4x8BitPackedSignedAccelerated != 0

        // Features that later, faster shaders may use; reported, not required.
        var storage16 = VkPhysicalDevice16BitStorageFeatures()
        storage16.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES
        var float16Int8 = VkPhysicalDeviceShaderFloat16Int8Features()
        float16Int8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES
        var dotProduct = VkPhysicalDeviceShaderIntegerDotProductFeatures()
        dotProduct.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES
        var features = VkPhysicalDeviceFeatures2()
        features.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2
        withUnsafeMutablePointer(to: &dotProduct) { dotPointer in
            float16Int8.pNext = atLeast13 ? UnsafeMutableRawPointer(dotPointer) : nil
            withUnsafeMutablePointer(to: &float16Int8) { float16Pointer in
                storage16.pNext = atLeast12 ? UnsafeMutableRawPointer(float16Pointer) : nil
                withUnsafeMutablePointer(to: &storage16) { storagePointer in
                    features.pNext = UnsafeMutableRawPointer(storagePointer)
                    functions.getPhysicalDeviceFeatures2(device, &features)
                }
            }
        }
        info.supports16BitStorage = storage16.storageBuffer16BitAccess != 0
        info.supportsFloat16 = atLeast12 && float16Int8.shaderFloat16 != 0
        info.supportsInt8 = atLeast12 && float16Int8.shaderInt8 != 0
        info.supportsIntegerDotProduct = atLeast13 && dotProduct.shaderIntegerDotProduct != 0
        return info
    }

    /// The memory heaps, with VK_EXT_memory_budget's live budget and usage where present.
    private func heaps(of device: VkPhysicalDevice, withBudget: Bool) -> [VulkanDeviceInfo.MemoryHeap] {
        var budget = VkPhysicalDeviceMemoryBudgetPropertiesEXT()
        budget.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT
        var memory = VkPhysicalDeviceMemoryProperties2()
        memory.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2
        withUnsafeMutablePointer(to: &budget) { budgetPointer in
            memory.pNext = withBudget ? UnsafeMutableRawPointer(budgetPointer) : nil
            functions.getPhysicalDeviceMemoryProperties2(device, &memory)
        }
        let count = Int(min(memory.memoryProperties.memoryHeapCount, UInt32(VK_MAX_MEMORY_HEAPS)))
        let heaps = withUnsafeBytes(of: memory.memoryProperties.memoryHeaps) { Array($0.bindMemory(to: VkMemoryHeap.self).prefix(count)) }
        let budgets = withUnsafeBytes(of: budget.heapBudget) { Array($0.bindMemory(to: VkDeviceSize.self).prefix(count)) }
        let usages = withUnsafeBytes(of: budget.heapUsage) { Array($0.bindMemory(to: VkDeviceSize.self).prefix(count)) }
        return (0..<count).map { i in
            VulkanDeviceInfo.MemoryHeap(
                sizeBytes: heaps[i].size,
                deviceLocal: heaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT.rawValue != 0,
                budgetBytes: withBudget ? budgets[i] : nil,
                usageBytes: withBudget ? usages[i] : nil)
        }
    }

    static func kind(_ type: VkPhysicalDeviceType) -> VulkanDeviceInfo.Kind {
        switch type {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: .discrete
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: .integrated
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: .virtual
        case VK_PHYSICAL_DEVICE_TYPE_CPU: .software
        default: .other
        }
    }
}
