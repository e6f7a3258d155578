// Results of the wizard's background work, delivered back to `update`. Checks, Download and
// Self-test add their results here as they arrive.
import Probe

public enum WizardMessage: Sendable {
    /// One more area of the machine scanned, from the scan numbered `run`.
    case scanned(ScanUpdate, run: Int)
}
