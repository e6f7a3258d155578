// Reads `vulkaninfo --summary`: the device names it lists, and its error when there are none.

import Foundation

enum VulkanSummaryReader {
    static func deviceNames(_ text: String) -> [String] {
        KeyValueText.pairs(text, separator: "=").filter { $0.key == "deviceName" }.map(\.value)
    }

    static func errorLine(stdout: String, stderr: String) -> String? {
        (stderr + "\n" + stdout).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("ERROR") || $0.contains("Cannot create Vulkan instance") || $0.contains("Found no drivers") }
    }
}
