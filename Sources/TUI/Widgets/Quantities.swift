// People-readable rates and durations for progress displays ("12.3 MB/s", "about 2 min left");
// sizes come from PlainText's `NumberText`.

public enum Quantities {
    public static func rate(bytesPerSecond: Double) -> String {
        guard bytesPerSecond.isFinite, bytesPerSecond >= 0 else { return "?" }
        return NumberText.bytes(Int64(bytesPerSecond.rounded())) + "/s"
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
}
