// How bad a finding is; the order matters: an area shows its worst finding.

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// Checked and fine; kept for areas that report nothing else.
    case ok
    /// Worth knowing, nothing to fix (a suspended GPU, models already on disk).
    case info
    /// Models will run, but slower or less reliably than they could.
    case warning
    /// Something that stops models from running, or from using the hardware that is there.
    case error

    private var rank: Int {
        switch self {
        case .ok: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
