// People-readable sizes, rates and durations for progress displays ("1.2 GB", "about 2 min left").

public enum Quantities {
    /// Decimal units, as download sizes are quoted on model pages.
    public static func bytes(_ count: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var value = Double(max(0, count))
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(Int(value)) bytes" }
        return "\(oneDecimal(value)) \(units[unit])"
    }

    public static func rate(bytesPerSecond: Double) -> String {
        guard bytesPerSecond.isFinite, bytesPerSecond >= 0 else { return "?" }
        return bytes(Int64(bytesPerSecond.rounded())) + "/s"
    }

    /// Whole seconds under a minute, then minutes (and seconds under ten minutes), then hours and minutes.
    public static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let total = Int(seconds.rounded(.up))
        switch total {
        case ..<60: return "\(total) s"
        case ..<600: return "\(total / 60) min \(total % 60) s"
        case ..<3600: return "\(total / 60) min"
        default: return "\(total / 3600) h \(total % 3600 / 60) min"
        }
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
