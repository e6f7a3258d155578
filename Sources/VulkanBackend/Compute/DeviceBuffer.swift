// A storage buffer in the device's memory. Where the device's own memory is also visible to the
// processor (lavapipe, integrated graphics, resizable BAR) it stays mapped and is read and
// written directly; elsewhere reads and writes go through a temporary staging buffer.

import CVulkan

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

public final class DeviceBuffer {
    enum Placement {
        /// For the shaders: the device's own memory.
        case device
        /// For copies to and from the processor: memory the processor can map.
        case staging
    }

    let device: ComputeDevice
    let handle: VkBuffer
    let memory: VkDeviceMemory
    public let byteCount: Int
    /// The mapped memory when the processor can reach it directly.
    let mapped: UnsafeMutableRawPointer?

    /// A buffer of `byteCount` bytes in the device's memory, its contents undefined.
    public convenience init(device: ComputeDevice, byteCount: Int) throws(VulkanError) {
        try self.init(device: device, byteCount: byteCount, placement: .device)
    }

    init(device: ComputeDevice, byteCount: Int, placement: Placement) throws(VulkanError) {
        guard byteCount > 0 else { throw VulkanError(step: "making a buffer", detail: "it would hold no bytes") }
        if placement == .device, UInt64(byteCount) > UInt64(device.info.maxStorageBufferRange) {
            throw VulkanError(
                step: "making a buffer of \(byteCount) bytes",
                detail: "the device's shaders can reach at most \(device.info.maxStorageBufferRange) bytes of one buffer")
        }
        let vk = device.vk
        var bufferInfo = VkBufferCreateInfo()
        bufferInfo.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO
        bufferInfo.size = VkDeviceSize(byteCount)
        bufferInfo.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT.rawValue | VK_BUFFER_USAGE_TRANSFER_SRC_BIT.rawValue
            | VK_BUFFER_USAGE_TRANSFER_DST_BIT.rawValue
        bufferInfo.sharingMode = VK_SHARING_MODE_EXCLUSIVE
        var buffer: VkBuffer?
        var result = vk.createBuffer(device.handle, &bufferInfo, nil, &buffer)
        guard result == VK_SUCCESS, let buffer else { throw VulkanError(step: "making a buffer", result: result) }

        var requirements = VkMemoryRequirements()
        vk.getBufferMemoryRequirements(device.handle, buffer, &requirements)
        guard let (typeIndex, flags) = device.memoryType(allowed: requirements.memoryTypeBits, for: placement) else {
            vk.destroyBuffer(device.handle, buffer, nil)
            throw VulkanError(step: "making a buffer", detail: "the device offers no suitable kind of memory")
        }
        var allocation = VkMemoryAllocateInfo()
        allocation.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO
        allocation.allocationSize = requirements.size
        allocation.memoryTypeIndex = typeIndex
        var memory: VkDeviceMemory?
        result = vk.allocateMemory(device.handle, &allocation, nil, &memory)
        guard result == VK_SUCCESS, let memory else {
            vk.destroyBuffer(device.handle, buffer, nil)
            throw VulkanError(step: "allocating \(byteCount) bytes on the device", result: result)
        }
        result = vk.bindBufferMemory(device.handle, buffer, memory, 0)
        var mapped: UnsafeMutableRawPointer?
        let mappable = flags & (VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT.rawValue | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT.rawValue)
            == (VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT.rawValue | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT.rawValue)
        if result == VK_SUCCESS, mappable {
            result = vk.mapMemory(device.handle, memory, 0, VkDeviceSize(byteCount), 0, &mapped)
        }
        guard result == VK_SUCCESS else {
            vk.freeMemory(device.handle, memory, nil)
            vk.destroyBuffer(device.handle, buffer, nil)
            throw VulkanError(step: "preparing a buffer's memory", result: result)
        }
        self.device = device
        handle = buffer
        self.memory = memory
        self.byteCount = byteCount
        self.mapped = mapped
    }

    deinit {
        if mapped != nil { device.vk.unmapMemory(device.handle, memory) }
        device.vk.destroyBuffer(device.handle, handle, nil)
        device.vk.freeMemory(device.handle, memory, nil)
    }

    /// Copies `bytes` into the buffer at byte `offset`.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) throws(VulkanError) {
        try checkRange(offset, bytes.count, "writing to a buffer")
        guard bytes.count > 0, let source = bytes.baseAddress else { return }
        if let mapped {
            (mapped + offset).copyMemory(from: source, byteCount: bytes.count)
            return
        }
        let staging = try DeviceBuffer(device: device, byteCount: bytes.count, placement: .staging)
        staging.mapped!.copyMemory(from: source, byteCount: bytes.count)
        try device.copy(from: staging, at: 0, to: self, at: offset, byteCount: bytes.count)
    }

    /// Copies `bytes.count` bytes from byte `offset` of the buffer into `bytes`.
    public func read(into bytes: UnsafeMutableRawBufferPointer, from offset: Int = 0) throws(VulkanError) {
        try checkRange(offset, bytes.count, "reading from a buffer")
        guard bytes.count > 0, let target = bytes.baseAddress else { return }
        if let mapped {
            target.copyMemory(from: mapped + offset, byteCount: bytes.count)
            return
        }
        let staging = try DeviceBuffer(device: device, byteCount: bytes.count, placement: .staging)
        try device.copy(from: self, at: offset, to: staging, at: 0, byteCount: bytes.count)
        target.copyMemory(from: staging.mapped!, byteCount: bytes.count)
    }

    /// Writes floats starting at float number `index`.
    public func write(_ values: [Float], at index: Int = 0) throws(VulkanError) {
        let (offset, overflow) = index.multipliedReportingOverflow(by: 4)
        guard !overflow else { throw VulkanError(step: "writing to a buffer", detail: "the position is too large") }
        // withUnsafeBytes rethrows untyped errors; a Result keeps the type.
        try values.withUnsafeBytes { bytes in Result { () throws(VulkanError) in try write(bytes, at: offset) } }.get()
    }

    /// Reads `count` floats starting at float number `index`.
    public func readFloats(count: Int, from index: Int = 0) throws(VulkanError) -> [Float] {
        let (offset, overflow) = index.multipliedReportingOverflow(by: 4)
        guard !overflow, count >= 0 else { throw VulkanError(step: "reading from a buffer", detail: "the position is too large") }
        var values = [Float](repeating: 0, count: count)
        try values.withUnsafeMutableBytes { bytes in Result { () throws(VulkanError) in try read(into: bytes, from: offset) } }.get()
        return values
    }

    private func checkRange(_ offset: Int, _ count: Int, _ step: String) throws(VulkanError) {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard offset >= 0, count >= 0, !overflow, end <= byteCount else {
            throw VulkanError(step: step, detail: "bytes \(offset) ..< \(offset &+ count) lie outside its \(byteCount) bytes")
        }
    }
}

extension ComputeDevice {
    /// The memory type for `placement` among `allowed` (a bit per type), with its property flags.
    /// On a unified-memory device (lavapipe, integrated graphics: all of its own memory can be
    /// mapped) buffers are mapped and need no staging copies. On a card with its own memory the
    /// mappable part of it (the PCI window, often 256 MiB) is left alone: weights go to the rest.
    func memoryType(allowed: UInt32, for placement: DeviceBuffer.Placement) -> (UInt32, VkMemoryPropertyFlags)? {
        let local = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT.rawValue
        let mappable = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT.rawValue | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT.rawValue
        let cached = VK_MEMORY_PROPERTY_HOST_CACHED_BIT.rawValue
        let visible = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT.rawValue
        // (flags wanted, flags refused), best first.
        let preferences: [(VkMemoryPropertyFlags, VkMemoryPropertyFlags)] = switch placement {
        case .device where hasUnifiedMemory: [(local | mappable, 0), (local, 0), (0, 0)]
        case .device: [(local, visible), (local, 0), (0, 0)]
        case .staging: [(mappable | cached, 0), (mappable, 0)]
        }
        for (wanted, refused) in preferences {
            for (index, type) in memoryTypes.enumerated()
            where allowed & (1 << UInt32(index)) != 0 && type.propertyFlags & wanted == wanted && type.propertyFlags & refused == 0 {
                return (UInt32(index), type.propertyFlags)
            }
        }
        return nil
    }

    /// Whether every kind of the device's own memory can also be mapped by the processor.
    var hasUnifiedMemory: Bool {
        let local = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT.rawValue
        let visible = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT.rawValue
        let own = memoryTypes.filter { $0.propertyFlags & local != 0 }
        return !own.isEmpty && own.allSatisfy { $0.propertyFlags & visible != 0 }
    }

    /// Copies bytes between two buffers on the device and waits for it.
    func copy(from source: DeviceBuffer, at sourceOffset: Int, to target: DeviceBuffer, at targetOffset: Int, byteCount: Int) throws(VulkanError) {
        try submit { commands throws(VulkanError) in
            var region = VkBufferCopy(srcOffset: VkDeviceSize(sourceOffset), dstOffset: VkDeviceSize(targetOffset), size: VkDeviceSize(byteCount))
            vk.cmdCopyBuffer(commands, source.handle, target.handle, 1, &region)
        }
    }
}
