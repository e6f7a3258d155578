// Reads `vulkaninfo --summary`: the device names it lists, and its error when there are none.

import Foundation

enum VulkanSummaryReader {
    static func deviceNames(_ text: String) -> [String] {
        KeyValueText.pairs(text, separator: "=").filter { $0.key == "deviceName" }.map(\.value)
    }

    /// Devices that are real GPUs: Mesa's llvmpipe and SwiftShader say PHYSICAL_DEVICE_TYPE_CPU.
    static func hardwareDeviceNames(_ text: String) -> [String] {
        var names: [String] = []
        var type: String?
        var name: String?
        func finish() {
            if let name, type != "PHYSICAL_DEVICE_TYPE_CPU" { names.append(name) }
            type = nil
            name = nil
        }
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("GPU"), trimmed.hasSuffix(":") {
                finish()
                continue
            }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "deviceType" { type = parts[1] }
            if parts[0] == "deviceName" { name = parts[1] }
        }
        finish()
        return names
    }

    static func errorLine(stdout: String, stderr: String) -> String? {
        (stderr + "\n" + stdout).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("ERROR") || $0.contains("Cannot create Vulkan instance") || $0.contains("Found no drivers") }?
            .clipped()
    }
}
