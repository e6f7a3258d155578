// Reads kernel CPU lists such as "0-3,8-11" (/sys/devices/system/cpu/online).

import Foundation

enum CPUListReader {
    static func count(_ list: String) -> Int? {
        var total = 0
        for range in list.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",") {
            let bounds = range.split(separator: "-")
            guard let low = Int(bounds[0]), low >= 0 else { return nil }
            let high = bounds.count > 1 ? Int(bounds[1]) : low
            guard let high, high >= low, high - low < 1 << 16 else { return nil }
            total += high - low + 1
        }
        return total > 0 ? total : nil
    }
}
