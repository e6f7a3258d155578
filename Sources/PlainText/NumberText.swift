// Numbers as people read them: "91,234,560", "88.1 MB", "7.6 GiB". The one formatter for byte
// counts in error messages, progress, probe facts and doctor findings.

public enum NumberText {
    /// An integer with thousands separators, e.g. 91234560 -> "91,234,560".
    public static func grouped<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// Decimal units with one decimal, as download sizes are quoted on model pages:
    /// 88_100_000 -> "88.1 MB"; under 1000 -> "999 bytes"; a negative count reads as 0 bytes.
    public static func bytes<T: BinaryInteger>(_ count: T) -> String {
        guard count >= 1000 else { return "\(count > 0 ? Int64(count) : 0) bytes" }
        return scaled(Double(count), base: 1000, units: ["kB", "MB", "GB", "TB", "PB", "EB"])
    }

    /// Binary units in which sizes of memory and disks are read.
    public enum BinaryUnit: Sendable {
        case kibibytes, mebibytes, gibibytes, tebibytes
    }

    /// Binary units with one decimal, as `free -h` shows memory: 12 << 30 -> "12.0 GiB", under
    /// 1024 -> "512 B". With `unit` every size is written in that unit ("0.5 GiB").
    public static func binaryBytes(_ count: UInt64, unit: BinaryUnit? = nil) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard let unit else {
            guard count >= 1024 else { return "\(count) B" }
            return scaled(Double(count), base: 1024, units: units)
        }
        let power: Int
        switch unit {
        case .kibibytes: power = 1
        case .mebibytes: power = 2
        case .gibibytes: power = 3
        case .tebibytes: power = 4
        }
        var value = Double(count)
        for _ in 0..<power { value /= 1024 }
        return oneDecimal(value) + " " + units[power - 1]
    }

    /// Divides by `base` at least once, and again while the value would round to `base` or more,
    /// so 999_960 bytes read "1.0 MB" rather than "1000.0 kB".
    private static func scaled(_ value: Double, base: Double, units: [String]) -> String {
        var value = value / base
        var unit = 0
        while value >= base - 0.05, unit < units.count - 1 {
            value /= base
            unit += 1
        }
        return oneDecimal(value) + " " + units[unit]
    }

    /// One decimal, ties to even as printf's "%.1f" rounds them.
    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.toNearestOrEven))
        return "\(tenths / 10).\(tenths % 10)"
    }
}
