// Results of the wizard's background work, delivered back to `update`; each screen keeps the
// ones meant for it (by its opening's number or its download's handle).
import Catalog
import Doctor
import Fetch
import Probe
import SelfTest
import TUI

public enum WizardMessage: Sendable {
    /// One more area of the machine scanned, from the scan numbered `run`.
    case scanned(ScanUpdate, run: Int)
    /// An agreed fix has run, and the checks have run again on the re-probed machine.
    case fixed(FixResult)
    /// The recommendation for the Recommend screen opened as `run`.
    case recommended(Result<Recommendation, ServiceProblem>, run: Int)
    /// The models in Onramp's store, for the Download screen opened as `run`.
    case storeChecked([StoredModel], run: Int)
    /// How far the download under `control` has come.
    case downloadProgress(DownloadProgress, DownloadControl)
    /// The download under `control` ended: the file's path, stopped, or failed.
    case downloadEnded(Result<String, DownloadFailure>, DownloadControl)
    /// Models other programs downloaded, for the Download screen opened as `run`.
    case filesFound([FoundModel], run: Int)
    /// The chosen one was imported into the store (its path), or why not, for the opening `run`.
    case fileImported(Result<String, ServiceProblem>, run: Int)
    /// The stop was passed on; the download's end follows as `downloadEnded`.
    case downloadStopAsked
    /// One more self-test check finished, in the self-test numbered `run`.
    case selfTestChecked(SelfTestCheck, run: Int)
    case selfTestEnded(Result<SelfTestReport, ServiceProblem>, run: Int)
    /// The model to chat with is recorded: the wizard can end.
    case chatChosen
    /// The report for the Report screen opened as `run`, and where it would be saved.
    case reportMade(Result<ReportDraft, ServiceProblem>, path: String, run: Int)
    /// The report was saved (its path), or why not, for the Report screen opened as `run`.
    case reportSaved(Result<String, ServiceProblem>, run: Int)
    /// Set up's progress was saved for the next run.
    case setupSaved
    /// With `--yes`: press `key` on the screen of this opening; nil ends the run with status 1
    /// (the screen had nothing to accept).
    case accept(Key?, opening: Int)
}

/// What the Checks screen learns after running a fix.
public struct FixResult: Sendable {
    public var findingID: String
    /// One line for the screen: whether the problem is gone (`FixOutcome.summary`).
    public var summary: String
    /// The checks run again after the fix; nil when the fix could not be started at all.
    public var after: DoctorReport?
    /// The re-probed facts those checks ran on (what the report describes after a fix).
    public var factsAfter: MachineFacts?

    public init(findingID: String, summary: String, after: DoctorReport?, factsAfter: MachineFacts? = nil) {
        self.findingID = findingID
        self.summary = summary
        self.after = after
        self.factsAfter = factsAfter
    }
}
