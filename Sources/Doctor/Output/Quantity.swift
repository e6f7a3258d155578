// Sizes and versions written the way people read them in findings and summaries.

import Foundation

enum Quantity {
    /// Binary gigabytes with one decimal ("7.6 GiB"), as `free -h` shows memory.
    static func gib(_ bytes: UInt64) -> String {
        String(format: "%.1f GiB", Double(bytes) / 1_073_741_824)
    }

    static let gibibyte: UInt64 = 1 << 30
}
