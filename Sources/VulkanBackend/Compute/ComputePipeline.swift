// A compute pipeline made from one committed shader, with its descriptor set and push constant
// layouts. Made on first use and kept by the device (through a VkPipelineCache).

import CVulkan

struct ComputePipeline {
    let pipeline: VkPipeline
    let layout: VkPipelineLayout
    let setLayout: VkDescriptorSetLayout

    /// Every shader's push constants fit in Vulkan's guaranteed minimum.
    static let pushConstantBytes = 128

    func destroy(_ vk: DeviceFunctions, _ device: VkDevice) {
        vk.destroyPipeline(device, pipeline, nil)
        vk.destroyPipelineLayout(device, layout, nil)
        vk.destroyDescriptorSetLayout(device, setLayout, nil)
    }
}

extension ComputeDevice {
    /// The pipeline for `shader`, made now if this is its first use.
    func pipeline(for shader: Shader) throws(VulkanError) -> ComputePipeline {
        if let made = pipelines[shader] { return made }
        guard let words = shader.spirv else {
            throw VulkanError(step: "loading shader \(shader.rawValue)", detail: "it was not compiled into Onramp (run scripts/compile-shaders)")
        }
        let made = try makePipeline(shader, words: words)
        pipelines[shader] = made
        return made
    }

    private func makePipeline(_ shader: Shader, words: UnsafeBufferPointer<UInt32>) throws(VulkanError) -> ComputePipeline {
        let name = shader.rawValue
        var bindings = (0..<shader.bindings).map { index in
            VkDescriptorSetLayoutBinding(
                binding: UInt32(index), descriptorType: VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, descriptorCount: 1,
                stageFlags: VK_SHADER_STAGE_COMPUTE_BIT.rawValue, pImmutableSamplers: nil)
        }
        var setInfo = VkDescriptorSetLayoutCreateInfo()
        setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO
        setInfo.bindingCount = UInt32(bindings.count)
        var setLayout: VkDescriptorSetLayout?
        var result = bindings.withUnsafeMutableBufferPointer { pointer in
            setInfo.pBindings = UnsafePointer(pointer.baseAddress)
            return vk.createDescriptorSetLayout(handle, &setInfo, nil, &setLayout)
        }
        guard result == VK_SUCCESS, let setLayout else { throw VulkanError(step: "laying out \(name)'s buffers", result: result) }

        var pushRange = VkPushConstantRange(
            stageFlags: VK_SHADER_STAGE_COMPUTE_BIT.rawValue, offset: 0, size: UInt32(ComputePipeline.pushConstantBytes))
        var layoutInfo = VkPipelineLayoutCreateInfo()
        layoutInfo.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO
        layoutInfo.setLayoutCount = 1
        layoutInfo.pushConstantRangeCount = 1
        var setLayoutRef: VkDescriptorSetLayout? = setLayout
        var layout: VkPipelineLayout?
        result = withUnsafePointer(to: &setLayoutRef) { sets in
            withUnsafePointer(to: &pushRange) { ranges in
                layoutInfo.pSetLayouts = sets
                layoutInfo.pPushConstantRanges = ranges
                return vk.createPipelineLayout(handle, &layoutInfo, nil, &layout)
            }
        }
        guard result == VK_SUCCESS, let layout else {
            vk.destroyDescriptorSetLayout(handle, setLayout, nil)
            throw VulkanError(step: "laying out \(name)'s pipeline", result: result)
        }

        var moduleInfo = VkShaderModuleCreateInfo()
        moduleInfo.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO
        moduleInfo.codeSize = words.count * 4
        moduleInfo.pCode = words.baseAddress
        var module: VkShaderModule?
        result = vk.createShaderModule(handle, &moduleInfo, nil, &module)
        guard result == VK_SUCCESS, let module else {
            vk.destroyPipelineLayout(handle, layout, nil)
            vk.destroyDescriptorSetLayout(handle, setLayout, nil)
            throw VulkanError(step: "loading shader \(name)", result: result)
        }
        defer { vk.destroyShaderModule(handle, module, nil) }

        var pipeline: VkPipeline?
        result = "main".withCString { entry in
            var stage = VkPipelineShaderStageCreateInfo()
            stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO
            stage.stage = VK_SHADER_STAGE_COMPUTE_BIT
            stage.module = module
            stage.pName = entry
            var pipelineInfo = VkComputePipelineCreateInfo()
            pipelineInfo.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO
            pipelineInfo.stage = stage
            pipelineInfo.layout = layout
            return vk.createComputePipelines(handle, pipelineCache, 1, &pipelineInfo, nil, &pipeline)
        }
        guard result == VK_SUCCESS, let pipeline else {
            vk.destroyPipelineLayout(handle, layout, nil)
            vk.destroyDescriptorSetLayout(handle, setLayout, nil)
            throw VulkanError(step: "compiling shader \(name) for the device", result: result)
        }
        return ComputePipeline(pipeline: pipeline, layout: layout, setLayout: setLayout)
    }
}
