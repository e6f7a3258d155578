// Numbers as people read them: decimal gigabytes with one decimal, speeds rounded to what the
// prediction can stand behind, context lengths with thousands separators.

import Foundation

enum Amounts {
    static func gigabytes(_ bytes: Int64) -> String {
        String(format: "%.1f GB", Double(bytes) / 1e9)
    }

    /// "18", or "2.5" below 10, or "less than 0.1".
    static func rate(_ perSecond: Double) -> String {
        if perSecond < 0.1 { return "less than 0.1" }
        return perSecond < 10 ? String(format: "%.1f", perSecond) : String(Int(perSecond.rounded()))
    }

    static func tokens(_ count: Int) -> String {
        var digits = String(count)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",")
    }
}
