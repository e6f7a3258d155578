// Sizes in findings and summaries: always in GiB, so areas and evidence compare at a glance.

import PlainText

enum Quantity {
    /// Binary gigabytes with one decimal ("7.6 GiB"), as `free -h` shows memory.
    static func gib(_ bytes: UInt64) -> String {
        NumberText.binaryBytes(bytes, unit: .gibibytes)
    }

    static let gibibyte: UInt64 = 1 << 30
}
