// Reads /proc/meminfo (values in kB) into memory facts.

import Foundation

enum MemInfoReader {
    static func read(_ text: String, into facts: inout MemoryFacts) {
        let values = Dictionary(
            KeyValueText.pairs(text, separator: ":").map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }
        )
        func bytes(_ key: String) -> UInt64? {
            guard let field = values[key]?.split(separator: " ").first, let kilobytes = UInt64(field) else { return nil }
            let (product, overflow) = kilobytes.multipliedReportingOverflow(by: 1024)
            return overflow ? nil : product
        }
        facts.totalBytes = bytes("MemTotal")
        facts.availableBytes = bytes("MemAvailable")
        facts.swapTotalBytes = bytes("SwapTotal")
        facts.swapFreeBytes = bytes("SwapFree")
    }
}
