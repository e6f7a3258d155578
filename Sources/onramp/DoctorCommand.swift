// `onramp doctor`: what is wrong with this computer for running models, and exactly how to fix it.

import ArgumentParser
import Doctor
import Foundation
import Probe
import TUI
import Wizard

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Find what stops models from running well on this computer, and how to fix it.",
        discussion: """
            Each area gets one line: [✓] fine, [!] works but could be better, [✗] broken. Under it are the \
            problems found and the commands that fix them on your distribution. -v adds why each one matters \
            and the evidence. Nothing is changed unless you run --fix and answer yes to a fix. \
            Exit status: 0 when nothing is an error, 1 otherwise.
            """
    )

    @OptionGroup var machine: ProfileOption

    @Flag(name: [.short, .long], help: "Also show why each problem matters and the evidence for it.")
    var verbose = false

    @Flag(name: .long, help: "Print the findings as JSON (schema: docs/doctor.md), for scripts.")
    var json = false

    @Flag(name: .long, help: "Offer to run the fixes Onramp can run; each one is shown and runs only after you say yes.")
    var fix = false

    @Flag(name: .long, help: "List every finding the doctor can report, instead of checking this computer.")
    var listChecks = false

    @Flag(name: .long, help: "With --list-checks: print the troubleshooting guide as Markdown.")
    var markdown = false

    @Option(name: .long, help: ArgumentHelp("Explain one finding (why it matters, how to fix it), instead of checking this computer.", valueName: "id"))
    var explain: String?

    func validate() throws {
        if fix && json {
            throw ValidationError("--fix asks before changing anything, so it cannot be combined with --json.")
        }
        if markdown && !listChecks {
            throw ValidationError("--markdown only applies to --list-checks.")
        }
    }

    func run() throws {
        if let explain {
            guard let text = TroubleshootingGuide.explanation(of: explain) else {
                throw ValidationError("No finding is called \"\(explain)\". `onramp doctor --list-checks` lists them all.")
            }
            print(text, terminator: "")
            return
        }
        if listChecks {
            print(markdown ? TroubleshootingGuide.markdown() : TroubleshootingGuide.list(), terminator: "")
            return
        }
        let facts = Prober(source: try machine.systemSource()).gather()
        let report = CheckRunner().examine(facts)
        let asRoot = facts.drivers.user?.uid == 0
        if json {
            let text = try JSONReport.render(report, onrampVersion: OnrampVersion.current, profile: machine.profile)
            print(text, terminator: "")
        } else {
            print(TextReport(verbose: verbose, glyphs: Self.glyphs(), runningAsRoot: asRoot).render(report), terminator: "")
        }
        var final = report
        if fix { final = try offerFixes(report, runningAsRoot: asRoot) }
        if final.exitStatus != 0 { throw ExitCode(final.exitStatus) }
    }

    /// Walks through each fix with a yes/no question; returns the report after the last fix that ran.
    private func offerFixes(_ report: DoctorReport, runningAsRoot: Bool) throws -> DoctorReport {
        let offers = fixOffers(for: report, runningAsRoot: runningAsRoot)
        guard !offers.isEmpty else {
            print("\n" + Self.nothingToOffer(report))
            return report
        }
        guard isatty(STDIN_FILENO) == 1 else {
            print("\nNot running any fix: Onramp only changes the system after you answer yes in a terminal, "
                + "and standard input is not one. Run `onramp doctor --fix` in a terminal, or type the commands above yourself.")
            return report
        }
        var current = report
        for offer in offers {
            print("")
            offer.explanationLines.forEach { print($0) }
            print(FixOffer.question, terminator: "")
            fflush(nil)  // the question has no newline; show it before waiting
            guard FixOffer.isConsent(readLine()) else {
                print("Skipped.")
                continue
            }
            let outcome = try FixApplier().apply(offer, on: target(for: offer)) { text in
                print(text, terminator: "")
            }
            print(outcome.summary)
            current = outcome.after
            print("")
            print(TextReport(verbose: verbose, glyphs: Self.glyphs(), runningAsRoot: runningAsRoot).render(current), terminator: "")
        }
        return current
    }

    private func target(for offer: FixOffer) throws -> any FixTarget {
        guard let profile = machine.profile else { return LiveFixTarget() }
        do {
            return try ReplayFixTarget(profile: profile, actionID: offer.action.id)
        } catch {
            throw StandardError.fail("The profile's recorded fix could not be replayed: \(error)", in: Self.self)
        }
    }

    /// What --fix says when it has no fix of its own to offer: "the steps shown above" only when
    /// some were shown.
    static func nothingToOffer(_ report: DoctorReport) -> String {
        let problems = report.findings.filter { $0.severity >= .warning }
        if problems.isEmpty {
            return "Nothing to fix: no problem was found."
        }
        if problems.contains(where: { !($0.fix?.steps(for: report.family) ?? []).isEmpty }) {
            return "None of these can be fixed by Onramp itself; follow the steps shown above."
        }
        return "None of these can be fixed by Onramp itself, and there are no steps to show for them; "
            + "run onramp doctor -v to see why each one matters."
    }

    /// ASCII marks where the wizard would draw ASCII too (a locale that is not UTF-8, the Linux
    /// console): one decision, TUI's, for every way Onramp writes to a terminal.
    static func glyphs() -> Glyphs {
        TerminalEnvironment.current(plainRequested: true).displayMode.traits.glyphs
    }
}
