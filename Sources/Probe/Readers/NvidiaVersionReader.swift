// Reads /proc/driver/nvidia/version ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.183.01  …").

import Foundation

enum NvidiaVersionReader {
    static func kernelModuleVersion(_ text: String) -> String? {
        guard let line = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("NVRM version") }) else {
            return nil
        }
        // Both the proprietary and the open module ("… Open Kernel Module for x86_64  550.54.15 …").
        guard let range = line.range(of: "Kernel Module") else { return nil }
        return String(line[range.upperBound...]).firstDottedVersion
    }
}
