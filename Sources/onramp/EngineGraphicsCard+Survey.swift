// The engine's choice of Vulkan device (VulkanBackend's survey) as the probe's fact: the shell is
// the one place that sees both modules, so the sentences stay VulkanUnavailable's own.

import Probe
import VulkanBackend

extension EngineGraphicsCard {
    init(choice: Result<VulkanDeviceInfo, VulkanUnavailable>) {
        switch choice {
        case .success(let info):
            self.init(device: Device(
                index: info.index, name: info.name, kind: info.kind.rawValue, driverName: info.driverName,
                driverInfo: info.driverInfo, memoryBytes: info.deviceMemoryBytes,
                freeBytes: info.hasMemoryBudget ? info.availableDeviceMemoryBytes : nil))
        case .failure(let reason):
            self.init(reason: reason.summary, advice: reason.advice)
        }
    }
}
