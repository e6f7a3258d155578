// `onramp report`: a diagnostics report to attach to a forum post or bug report, with names,
// addresses, serial numbers and tokens replaced. Printed for the user to read first; saved only
// with --out or --bundle; never sent anywhere.

import ArgumentParser
import Fetch
import Foundation
import PlainText
import Probe
import Report

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Make a diagnostics report to share when asking for help, with private details replaced.",
        discussion: """
            The report holds Onramp's version, the system, processor, memory, graphics cards and drivers, \
            the doctor's findings with their evidence, the last self-test and benchmark (when run), and the \
            models in Onramp's store (names and sizes). User and host names, home folders, addresses, serial \
            numbers, tokens and passwords are replaced (<user>, <mac-1>); the report ends with what was \
            replaced. Without --out it is printed, so you can read it all first. Nothing is uploaded. \
            --bundle saves a .tar.gz with the report and a redacted machine profile that \
            `onramp doctor --profile` replays. Schema of --json: docs/report.md.
            """)

    @OptionGroup var machine: ProfileOption

    @Option(name: .long, help: ArgumentHelp("Save the report in this file instead of printing it.", valueName: "file"))
    var out: String?

    @Flag(name: .long, help: "JSON instead of Markdown (schema: docs/report.md).")
    var json = false

    @Flag(name: .long, help: "Save a .tar.gz with the report (Markdown and JSON) and a redacted machine profile (default file: onramp-report.tar.gz).")
    var bundle = false

    func validate() throws {
        if out?.isEmpty == true {
            throw ValidationError("--out needs the name of a file to save the report in.")
        }
        if bundle && json {
            throw ValidationError("--bundle always holds both the Markdown and the JSON report; leave out --json.")
        }
    }

    func run() throws {
        let source = try machine.systemSource()
        // The recorder keeps what the probe read, for the bundle's profile; the identity is read
        // around it, so the files that name the machine never enter the profile.
        let recorder = RecordingSystem(recording: source)
        let identity = MachineIdentity.read(from: source)
        let facts = Prober(source: recorder).gather()
        let input = Self.input(facts: facts, identity: identity, profile: machine.profile.map(ProfileOption.fullPath))
        let report = ReportBuilder.build(input)
        let markdown = ReportMarkdown.render(report)
        let jsonText = try ReportJSON.render(report)
        do {
            if bundle {
                let path = out ?? ReportFile.defaultName(json: false, bundle: true)
                let files = try ReportBundle.files(
                    markdown: markdown, json: jsonText, recording: recorder.recording, identity: identity,
                    describe: source.fileInfo, findingIDs: input.doctor.findingIDs)
                try ReportFile.write(try ReportBundle.archive(files, modified: input.date), to: path)
                print("Saved \(path): report.md, report.json and a redacted machine profile (\(files.count) files).")
                print("Nothing was sent anywhere. Look inside before you share it: tar -xzf \(ShellQuote.quote(path))")
                print(ReportMarkdown.redactionLine(report.redactions))
            } else if let out {
                try ReportFile.write(Data((json ? jsonText : markdown).utf8), to: out)
                print("Saved the report to \(out). Nothing was sent anywhere; read it before you share it.")
                print(ReportMarkdown.redactionLine(report.redactions))
            } else {
                StandardOutput.write(json ? jsonText : markdown)
                if isatty(STDOUT_FILENO) == 1 {
                    StandardError.write("\nNothing was sent anywhere. To save this report: onramp report --out onramp-report.md "
                        + "(or --bundle for a .tar.gz with a machine profile a helper can replay).\n")
                }
            }
        } catch let problem as ReportFile.Problem {
            throw StandardError.fail(problem.description, in: Self.self)
        } catch let problem as TarArchive.Problem {
            throw StandardError.fail(problem.description, in: Self.self)
        }
    }

    /// What the report is made from, for this computer or a replayed profile (`profile`: its full
    /// path); the wizard's Report step calls this too.
    static func input(facts: MachineFacts, identity: MachineIdentity, profile: String?) -> ReportInput {
        if let profile {
            let name = URL(fileURLWithPath: profile).standardizedFileURL.lastPathComponent
            return .profile(named: name, onrampVersion: OnrampVersion.current, facts: facts, identity: identity)
        }
        return .thisComputer(onrampVersion: OnrampVersion.current, facts: facts, identity: identity, models: storedModels())
    }

    /// The models in Onramp's store, by name and size; an unreadable store lists none (the doctor
    /// and `onramp list` report its problems).
    private static func storedModels() -> [StoredModel] {
        guard let settings = try? FetchSettings.fromEnvironment() else { return [] }
        return ModelStore(root: settings.storeRoot).manifests().models.map {
            StoredModel(name: $0.name, sizeBytes: $0.size, architecture: $0.architecture, source: $0.source)
        }
    }
}
