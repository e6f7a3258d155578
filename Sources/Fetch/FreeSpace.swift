// How much room is left where a file is going, and the check made before a download starts.

import Foundation
import PlainText

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
            Not enough disk space: the download needs \(NumberText.bytes(needed)) (including \(NumberText.bytes(margin)) to spare) \
            but only \(NumberText.bytes(available)) is free in \(folder). \
            Free at least \(NumberText.bytes(needed - available)) there, or set ONRAMP_HOME to a folder on a bigger disk.
            """)
    }
}

