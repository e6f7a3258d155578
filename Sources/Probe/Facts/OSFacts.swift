// Which operating system, kernel and C library the machine runs (fix commands depend on the distro).

public struct OSFacts: Codable, Sendable, Equatable {
    /// `ID` from os-release: `ubuntu`, `debian`, `fedora`, `arch`.
    public var distroID: String?
    public var distroVersion: String?
    /// `ID_LIKE`: the families whose package commands apply (`debian`, `rhel fedora`).
    public var distroFamily: [String]
    public var prettyName: String?
    public var kernelRelease: String?
    public var glibcVersion: String?
    /// Successful suspends since boot (`/sys/power/suspend_stats/success`); drivers that break on
    /// resume show themselves only after one.
    public var suspendsSinceBoot: Int?

    public init(
        distroID: String? = nil, distroVersion: String? = nil, distroFamily: [String] = [],
        prettyName: String? = nil, kernelRelease: String? = nil, glibcVersion: String? = nil
    ) {
        self.distroID = distroID
        self.distroVersion = distroVersion
        self.distroFamily = distroFamily
        self.prettyName = prettyName
        self.kernelRelease = kernelRelease
        self.glibcVersion = glibcVersion
    }
}
