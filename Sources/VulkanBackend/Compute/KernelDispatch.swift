// One shader run over a grid of workgroups, with its buffers and push constants; a list of them
// is recorded into one command buffer and submitted once (`ComputeDevice.run`).

import CVulkan

public struct KernelDispatch {
    let shader: Shader
    let buffers: [DeviceBuffer]
    /// The push constants as 32-bit words (floats by their bit pattern), in the GLSL block's order.
    let constants: [UInt32]
    let groups: (x: UInt32, y: UInt32, z: UInt32)

    init(_ shader: Shader, buffers: [DeviceBuffer], constants: [UInt32], groups: (x: UInt32, y: UInt32, z: UInt32)) {
        self.shader = shader
        self.buffers = buffers
        self.constants = constants
        self.groups = groups
    }

    /// Workgroups for `count` items of `perGroup` each, spread over x and y because one dimension
    /// may hold only 65,535 groups (Vulkan's guaranteed minimum); shaders rebuild the index as
    /// `gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x`.
    static func grid(items count: Int, perGroup: Int, layers: Int = 1) -> (x: UInt32, y: UInt32, z: UInt32) {
        let groups = max(1, (count + perGroup - 1) / perGroup)
        let x = min(groups, 65_535)
        return (UInt32(x), UInt32((groups + x - 1) / x), UInt32(max(1, layers)))
    }
}

extension ComputeDevice {
    /// Records `dispatches` in order into one command buffer, with a barrier after each so the
    /// next one sees its results, submits it, and waits until the device has finished.
    public func run(_ dispatches: [KernelDispatch]) throws(VulkanError) {
        try run(dispatches, uploads: [], downloads: [])
    }

    /// `run` with copies recorded in the same command buffer: `uploads` before the first dispatch
    /// (from staging memory the processor filled), `downloads` after the last (into staging
    /// memory the processor reads once this returns). A card with its own memory then needs one
    /// submission per generated token, not one per copy.
    func run(_ dispatches: [KernelDispatch], uploads: [BufferCopy], downloads: [BufferCopy]) throws(VulkanError) {
        guard dispatches.count <= Self.maxDispatchesPerSubmit else {
            throw VulkanError(step: "recording work", detail: "\(dispatches.count) dispatches exceed \(Self.maxDispatchesPerSubmit) in one submission")
        }
        for dispatch in dispatches {
            guard dispatch.buffers.count == dispatch.shader.bindings,
                  dispatch.constants.count * 4 <= ComputePipeline.pushConstantBytes,
                  dispatch.buffers.allSatisfy({ $0.device === self })
            else {
                throw VulkanError(step: "recording \(dispatch.shader.rawValue)", detail: "its buffers or constants do not match the shader")
            }
        }
        let pipelines = try dispatches.map { (dispatch: KernelDispatch) throws(VulkanError) in try pipeline(for: dispatch.shader) }
        for copy in uploads + downloads { try copy.check(on: self) }
        try submit { commands throws(VulkanError) in
            for copy in uploads { copy.record(vk, into: commands) }
            if !uploads.isEmpty {
                barrier(commands, from: VK_ACCESS_TRANSFER_WRITE_BIT.rawValue, VK_PIPELINE_STAGE_TRANSFER_BIT.rawValue,
                        to: VK_ACCESS_SHADER_READ_BIT.rawValue | VK_ACCESS_SHADER_WRITE_BIT.rawValue, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT.rawValue)
            }
            for (dispatch, pipeline) in zip(dispatches, pipelines) {
                try record(dispatch, pipeline, into: commands)
            }
            // Each dispatch ends with a barrier that makes its writes visible to copies.
            for copy in downloads { copy.record(vk, into: commands) }
            if !downloads.isEmpty {
                barrier(commands, from: VK_ACCESS_TRANSFER_WRITE_BIT.rawValue, VK_PIPELINE_STAGE_TRANSFER_BIT.rawValue,
                        to: VK_ACCESS_HOST_READ_BIT.rawValue, VK_PIPELINE_STAGE_HOST_BIT.rawValue)
            }
        }
    }

    private func barrier(_ commands: VkCommandBuffer, from access: VkAccessFlags, _ stage: VkPipelineStageFlags, to nextAccess: VkAccessFlags, _ nextStage: VkPipelineStageFlags) {
        var barrier = VkMemoryBarrier()
        barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER
        barrier.srcAccessMask = access
        barrier.dstAccessMask = nextAccess
        vk.cmdPipelineBarrier(commands, stage, nextStage, 0, 1, &barrier, 0, nil, 0, nil)
    }

    private func record(_ dispatch: KernelDispatch, _ pipeline: ComputePipeline, into commands: VkCommandBuffer) throws(VulkanError) {
        var setLayout: VkDescriptorSetLayout? = pipeline.setLayout
        var set: VkDescriptorSet?
        let allocated = withUnsafePointer(to: &setLayout) { layouts in
            var allocation = VkDescriptorSetAllocateInfo()
            allocation.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO
            allocation.descriptorPool = descriptorPool
            allocation.descriptorSetCount = 1
            allocation.pSetLayouts = layouts
            return vk.allocateDescriptorSets(handle, &allocation, &set)
        }
        guard allocated == VK_SUCCESS, let set else { throw VulkanError(step: "allocating buffers for \(dispatch.shader.rawValue)", result: allocated) }

        let bufferInfos = dispatch.buffers.map { VkDescriptorBufferInfo(buffer: $0.handle, offset: 0, range: VkDeviceSize($0.byteCount)) }
        bufferInfos.withUnsafeBufferPointer { infos in
            var writes = (0..<infos.count).map { index in
                var write = VkWriteDescriptorSet()
                write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET
                write.dstSet = set
                write.dstBinding = UInt32(index)
                write.descriptorCount = 1
                write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER
                write.pBufferInfo = infos.baseAddress! + index
                return write
            }
            vk.updateDescriptorSets(handle, UInt32(writes.count), &writes, 0, nil)
        }

        vk.cmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.pipeline)
        var sets: VkDescriptorSet? = set
        vk.cmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout, 0, 1, &sets, 0, nil)
        if !dispatch.constants.isEmpty {
            dispatch.constants.withUnsafeBytes { bytes in
                vk.cmdPushConstants(commands, pipeline.layout, VK_SHADER_STAGE_COMPUTE_BIT.rawValue, 0, UInt32(bytes.count), bytes.baseAddress)
            }
        }
        vk.cmdDispatch(commands, dispatch.groups.x, dispatch.groups.y, dispatch.groups.z)

        // The next dispatch, a copy, or the processor after the fence reads what this one wrote.
        var barrier = VkMemoryBarrier()
        barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER
        barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT.rawValue
        barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT.rawValue | VK_ACCESS_SHADER_WRITE_BIT.rawValue
            | VK_ACCESS_TRANSFER_READ_BIT.rawValue | VK_ACCESS_HOST_READ_BIT.rawValue
        vk.cmdPipelineBarrier(
            commands, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT.rawValue,
            VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT.rawValue | VK_PIPELINE_STAGE_TRANSFER_BIT.rawValue | VK_PIPELINE_STAGE_HOST_BIT.rawValue,
            0, 1, &barrier, 0, nil, 0, nil)
    }
}

/// A copy between two buffers of one device, recorded with a submission's dispatches.
struct BufferCopy {
    let source: DeviceBuffer
    let sourceOffset: Int
    let target: DeviceBuffer
    let targetOffset: Int
    let byteCount: Int

    func check(on device: ComputeDevice) throws(VulkanError) {
        let fits = { (buffer: DeviceBuffer, offset: Int) in offset >= 0 && offset <= buffer.byteCount - byteCount }
        guard source.device === device, target.device === device, byteCount > 0, fits(source, sourceOffset), fits(target, targetOffset) else {
            throw VulkanError(step: "recording a copy", detail: "\(byteCount) bytes do not fit its buffers")
        }
    }

    func record(_ vk: DeviceFunctions, into commands: VkCommandBuffer) {
        var region = VkBufferCopy(srcOffset: VkDeviceSize(sourceOffset), dstOffset: VkDeviceSize(targetOffset), size: VkDeviceSize(byteCount))
        vk.cmdCopyBuffer(commands, source.handle, target.handle, 1, &region)
    }
}
