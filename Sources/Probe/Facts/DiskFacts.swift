// Space on the disk where models will be stored.

public struct DiskFacts: Codable, Sendable, Equatable {
    /// What this folder is for, in the user's words: "models".
    public var purpose: String
    /// The folder models go to (it may not exist yet).
    public var path: String
    /// The nearest existing folder at or above `path`, which was measured.
    public var measuredPath: String?
    public var totalBytes: UInt64?
    /// Space an unprivileged user can write.
    public var availableBytes: UInt64?

    public init(
        purpose: String, path: String, measuredPath: String? = nil, totalBytes: UInt64? = nil,
        availableBytes: UInt64? = nil
    ) {
        self.purpose = purpose
        self.path = path
        self.measuredPath = measuredPath
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
    }
}
