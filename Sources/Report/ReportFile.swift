// Saving a report: written whole to a temporary file beside the target and renamed over it, so a
// failure never leaves half a report; the message says what to do.

import Foundation

public enum ReportFile {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The name used when none is given: `onramp-report.md`, `.json` or `.tar.gz`.
    public static func defaultName(json: Bool, bundle: Bool) -> String {
        "onramp-report." + (bundle ? "tar.gz" : json ? "json" : "md")
    }

    public static func write(_ contents: Data, to path: String) throws(Problem) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw Problem(description: "\(path) is a folder. Give the name of a file to save the report in, such as \(path)/onramp-report.md.")
        }
        do {
            try contents.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let reason = (error as NSError).localizedDescription
            throw Problem(description: "Could not save the report to \(path) (\(reason)). Check that the folder exists and that you may write there, or give another file with --out.")
        }
    }
}
