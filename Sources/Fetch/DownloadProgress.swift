// A snapshot of a running download for a progress bar: bytes so far, the total when known, speed.

public struct DownloadProgress: Sendable, Equatable {
    public let fileName: String
    public let bytesDone: Int64
    public let totalBytes: Int64?
    public let bytesPerSecond: Double
    /// Set while waiting before a retry, with the reason shown to the user.
    public let retrying: String?

    public var secondsLeft: Double? {
        guard let totalBytes, bytesPerSecond > 0 else { return nil }
        return Double(max(0, totalBytes - bytesDone)) / bytesPerSecond
    }
}
