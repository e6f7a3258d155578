// Results of the wizard's background work, delivered back to `update`. Checks, Download and
// Self-test add their results here as they arrive.
import Doctor
import Probe

public enum WizardMessage: Sendable {
    /// One more area of the machine scanned, from the scan numbered `run`.
    case scanned(ScanUpdate, run: Int)
    /// An agreed fix has run, and the checks have run again on the re-probed machine.
    case fixed(FixResult)
}

/// What the Checks screen learns after running a fix.
public struct FixResult: Sendable {
    public var findingID: String
    /// One line for the screen: whether the problem is gone (`FixOutcome.summary`).
    public var summary: String
    /// The checks run again after the fix; nil when the fix could not be started at all.
    public var after: DoctorReport?

    public init(findingID: String, summary: String, after: DoctorReport?) {
        self.findingID = findingID
        self.summary = summary
        self.after = after
    }
}
