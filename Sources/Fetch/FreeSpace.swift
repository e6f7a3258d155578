// How much room is left where a file is going, and the check made before a download starts.

import Foundation

public enum FreeSpace {
    /// Bytes an unprivileged user may still write on the file system holding `path`.
    public static func available(_ path: String) -> Int64? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }

    static func require(remaining: Int64, margin: Int64, available: Int64?, folder: String) throws(FetchError) {
        guard let available else { return }
        let needed = remaining + margin
        guard available < needed else { return }
        throw FetchError(
            .notEnoughSpace,
            """
            Not enough disk space: the download needs \(ByteCount.text(needed)) (including \(ByteCount.text(margin)) to spare) \
            but only \(ByteCount.text(available)) is free in \(folder). \
            Free at least \(ByteCount.text(needed - available)) there, or set ONRAMP_HOME to a folder on a bigger disk.
            """)
    }
}

/// Sizes for people: "1.4 GB", "512 KB".
public enum ByteCount {
    public static func text(_ bytes: Int64) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f", value) + " " + units[unit]
    }
}
