// Numbers as people read them in a recommendation: every size in decimal gigabytes with one
// decimal (so model sizes compare at a glance, unlike NumberText's changing units), speeds rounded
// to what the prediction can stand behind, context lengths grouped by NumberText.

import Foundation
import PlainText

public enum Amounts {
    public static func gigabytes(_ bytes: Int64) -> String {
        String(format: "%.1f GB", Double(bytes) / 1e9)
    }

    /// "18", or "2.5" below 10, or "less than 0.1".
    public static func rate(_ perSecond: Double) -> String {
        if perSecond < 0.1 { return "less than 0.1" }
        return perSecond < 10 ? String(format: "%.1f", perSecond) : String(Int(perSecond.rounded()))
    }

    public static func tokens(_ count: Int) -> String {
        NumberText.grouped(count)
    }
}
