// Reads the output of the Vulkan initialisation test child (`library:`, `vkCreateInstance:`, `device:`,
// `devices:` lines); nil when the child found no Vulkan loader.

import Foundation

public enum VulkanInitReader {
    public static func read(_ output: String) -> VulkanInitFacts? {
        var facts = VulkanInitFacts()
        for line in output.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "library" where parts[1].hasPrefix("missing"): return nil
            case "vkCreateInstance":
                let words = parts[1].split(separator: " ")
                facts.result = words.first.flatMap { Int($0) }
                facts.resultName = words.dropFirst().first.map(String.init)
            case "device":
                let words = parts[1].split(separator: " ", maxSplits: 1).map(String.init)
                guard words.count == 2, VulkanInitTest.deviceTypes.contains(words[0]) else { continue }
                facts.devices.append(VulkanInitDevice(name: words[1], type: words[0]))
            case "vkEnumeratePhysicalDevices":
                // The instance came up but listing devices failed: not a success.
                if facts.result == 0 { facts.result = parts[1].split(separator: " ").first.flatMap { Int($0) } ?? -1 }
            default: continue
            }
        }
        return facts.result == nil ? nil : facts
    }
}
