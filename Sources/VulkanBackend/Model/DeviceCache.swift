// The offloaded layers' keys and values, on the device, in f16 as the engine's own cache keeps
// them (one buffer of keys and one of values per layer, position-major rows of key heads × head
// size). It lives with the conversation's `KVCache` (its `offloadStorage`), so it is freed with it
// and a rewound conversation simply overwrites the positions it forgot.

import Engine

final class DeviceCache {
    let device: ComputeDevice
    let capacity: Int
    let keys: [DeviceBuffer]
    let values: [DeviceBuffer]

    init(device: ComputeDevice, layers: Int, capacity: Int, width: Int) throws(VulkanError) {
        let bytes = Self.bytesPerLayerHalf(capacity: capacity, width: width)
        var keys: [DeviceBuffer] = []
        var values: [DeviceBuffer] = []
        for _ in 0..<layers {
            keys.append(try DeviceBuffer(device: device, byteCount: bytes))
            values.append(try DeviceBuffer(device: device, byteCount: bytes))
        }
        self.device = device
        self.capacity = capacity
        self.keys = keys
        self.values = values
    }

    /// Bytes of one layer's keys (or values): f16, rounded up to whole 32-bit words.
    static func bytesPerLayerHalf(capacity: Int, width: Int) -> Int { (capacity * width * 2 + 3) & ~3 }

    /// The device cache attached to `cache` for `offload`, made on first use. A conversation that
    /// already has positions must have started on this device.
    static func attached(to cache: KVCache, device: ComputeDevice, layers: Int, width: Int, start: Int) throws(VulkanError) -> DeviceCache {
        if let existing = cache.offloadStorage as? DeviceCache, existing.device === device, existing.keys.count == layers {
            return existing
        }
        guard start == 0 else {
            throw VulkanError(step: "continuing a conversation on the graphics card", detail: "it was started without it")
        }
        let made = try DeviceCache(device: device, layers: layers, capacity: cache.capacity, width: width)
        cache.offloadStorage = made
        return made
    }
}
