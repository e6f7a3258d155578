// Choosing the device to compute on from what Vulkan lists: a pure function, so every rule
// (preference order, software renderers only on request, memory, driver version) is tested
// without a card.

public enum DeviceSelection {
    /// The device to use, or why none is used. `neededBytes` is the memory the work needs on the
    /// device (0 when not known yet).
    public static func choose(
        from devices: [VulkanDeviceInfo], request: DeviceRequest, neededBytes: UInt64 = 0
    ) -> Result<VulkanDeviceInfo, VulkanUnavailable> {
        switch request {
        case .named(let text):
            guard let device = match(text, in: devices) else {
                return .failure(.requestedNotFound(request: text, available: devices.map(label)))
            }
            return check(device, neededBytes: neededBytes)
        case .automatic:
            guard !devices.isEmpty else { return .failure(.noDevice) }
            let hardware = devices.filter { $0.kind != .software }
            guard !hardware.isEmpty else { return .failure(.onlySoftware(names: devices.map(\.name))) }
            // Stable order: preference by kind, then more memory; the first that qualifies wins,
            // and when none does, the reason is the one of the device a person expects to be used.
            let ranked = hardware.enumerated().sorted { a, b in
                let (ra, rb) = (rank(a.element.kind), rank(b.element.kind))
                if ra != rb { return ra < rb }
                if a.element.deviceMemoryBytes != b.element.deviceMemoryBytes {
                    return a.element.deviceMemoryBytes > b.element.deviceMemoryBytes
                }
                return a.offset < b.offset
            }.map(\.element)
            var firstReason: VulkanUnavailable?
            for device in ranked {
                switch check(device, neededBytes: neededBytes) {
                case .success(let chosen): return .success(chosen)
                case .failure(let reason): firstReason = firstReason ?? reason
                }
            }
            return .failure(firstReason ?? .noDevice)
        }
    }

    /// How a device is named in lists and messages: "0: llvmpipe (LLVM 15.0.6, 256 bits)".
    public static func label(_ device: VulkanDeviceInfo) -> String { "\(device.index): \(device.name)" }

    /// The device a `--device` value names: its number, else the first whose name contains it.
    static func match(_ text: String, in devices: [VulkanDeviceInfo]) -> VulkanDeviceInfo? {
        let wanted = text.trimmingSpaces
        if let number = Int(wanted) { return devices.first { $0.index == number } }
        return devices.first { $0.name.lowercased().contains(wanted.lowercased()) }
    }

    /// Whether `device` can take the work.
    static func check(_ device: VulkanDeviceInfo, neededBytes: UInt64) -> Result<VulkanDeviceInfo, VulkanUnavailable> {
        if device.apiVersion < .required {
            return .failure(.driverTooOld(device: device.name, version: device.apiVersion))
        }
        if !device.hasComputeQueue {
            return .failure(.missingFeature(device: device.name, feature: "a queue that runs compute work"))
        }
        if device.availableDeviceMemoryBytes < neededBytes {
            return .failure(.tooLittleMemory(
                device: device.name, availableBytes: device.availableDeviceMemoryBytes, neededBytes: neededBytes))
        }
        return .success(device)
    }

    private static func rank(_ kind: VulkanDeviceInfo.Kind) -> Int {
        switch kind {
        case .discrete: 0
        case .integrated: 1
        case .virtual: 2
        case .other: 3
        case .software: 4
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
