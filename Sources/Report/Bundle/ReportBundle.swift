// `onramp report --bundle`: one .tar.gz with the report (Markdown and JSON) and the machine as a
// redacted profile (docs/profiles.md) that `onramp doctor --profile` replays, so a helper can
// reproduce the diagnosis on their own computer.

import Foundation
import Probe

public enum ReportBundle {
    /// The folder everything in the archive sits in.
    public static let folder = "onramp-report"

    /// The files of the bundle (path inside the archive, contents). The profile is what the probe
    /// read (`recording`), redacted the way `onramp probe --capture` redacts; `findingIDs` are
    /// written as its expected findings.
    public static func files(
        markdown: String, json: String, recording: Recording, identity: MachineIdentity,
        describe: (String) -> FileInfo?, findingIDs: [String]
    ) throws -> [(path: String, contents: Data)] {
        let redactor = Redactor(identity)
        let layout = ProfileWriter.layout(recording, redactor: redactor, describe: describe)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let description = ProfileDescription(
            description: "Made by onramp report --bundle; expectedFindings are what the doctor found there.",
            expectedFindings: findingIDs)
        var files: [(path: String, contents: Data)] = [
            ("\(folder)/README.txt", Data(readme.utf8)),
            ("\(folder)/report.md", Data(markdown.utf8)),
            ("\(folder)/report.json", Data(json.utf8)),
            ("\(folder)/profile/profile.json", try encoder.encode(description) + Data("\n".utf8)),
            ("\(folder)/profile/system.json", try encoder.encode(layout.system) + Data("\n".utf8)),
        ]
        for path in layout.files.keys.sorted() {
            files.append(("\(folder)/profile/\(path)", Data(layout.files[path]!.utf8)))
        }
        return files
    }

    /// The .tar.gz of `files`.
    public static func archive(_ files: [(path: String, contents: Data)], modified: Date) throws -> Data {
        Gzip.wrap(try TarArchive.archive(files, modified: modified), modified: modified)
    }

    static let readme = """
        A diagnostics report made by Onramp (onramp report --bundle).

        report.md    the report, to read or paste into an issue
        report.json  the same, for scripts (schema: docs/report.md in Onramp's source)
        profile/     what Onramp read on the machine, with user, host and network details replaced

        Replay the machine on another computer:
            onramp doctor --profile onramp-report/profile
            onramp probe --profile onramp-report/profile

        """
}
