// The work behind the Report step, given to the wizard by `onramp` so the preview is made by the
// same code as `onramp report` (`ReportInput` → `ReportBuilder` → `ReportMarkdown`), and tests can
// give their own. Saving goes through `ReportFile.write` (a temporary file renamed over the target).
import Foundation
import Probe

/// A report made for the preview: the redacted Markdown exactly as it will be saved, and the line
/// that says what kinds of details were replaced.
public struct ReportDraft: Equatable, Sendable {
    public var markdown: String
    public var redactions: String

    public init(markdown: String, redactions: String) {
        self.markdown = markdown
        self.redactions = redactions
    }
}

public struct ReportServices: Sendable {
    /// The redacted report for the scanned facts, made as `onramp report` makes it.
    public var make: @Sendable (MachineFacts) -> Result<ReportDraft, ServiceProblem>
    /// Where the report is saved unless the user says otherwise (asked when the screen opens).
    public var savePath: @Sendable () -> String

    public init(make: @escaping @Sendable (MachineFacts) -> Result<ReportDraft, ServiceProblem>, savePath: @escaping @Sendable () -> String) {
        self.make = make
        self.savePath = savePath
    }

    /// `onramp-report-DATE.md` in `folder`; `-2`, `-3`… when that name is taken, so an earlier
    /// report is never replaced.
    public static func defaultPath(in folder: String, date: Date, exists: (String) -> Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        let stem = (folder as NSString).appendingPathComponent("onramp-report-" + formatter.string(from: date))
        var path = stem + ".md"
        var number = 2
        while exists(path) {
            path = "\(stem)-\(number).md"
            number += 1
        }
        return path
    }

    /// The folder Onramp was started in when the user may write there, else the home folder.
    public static func defaultFolder(current: String, home: String?, writable: (String) -> Bool) -> String {
        if writable(current) { return current }
        return home ?? current
    }

    /// The default path on this computer, for `savePath`.
    public static func defaultPathHere(date: Date = Date()) -> String {
        let files = FileManager.default
        let folder = defaultFolder(
            current: files.currentDirectoryPath, home: ProcessInfo.processInfo.environment["HOME"],
            writable: { files.isWritableFile(atPath: $0) })
        return defaultPath(in: folder, date: date, exists: { files.fileExists(atPath: $0) })
    }
}
