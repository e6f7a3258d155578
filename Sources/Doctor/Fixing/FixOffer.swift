// The fix flow as values, for `onramp doctor --fix` and the wizard's Checks screen: what is offered,
// what the user must agree to, and what came of it. No I/O here; `FixApplier` does the running.
import Probe

public struct FixOffer: Sendable, Equatable {
    public var findingID: String
    public var title: String
    public var action: FixAction
    /// Exactly what will run, as a person would type it (`sudo modprobe nvidia_uvm`).
    public var commandLines: [String]
    /// The argv that will run, `sudo` included when needed.
    public var argvs: [[String]]
    public var needsSudo: Bool
    public var changes: String
    /// What the user has to do afterwards for the change to take effect; nil when nothing.
    public var afterwards: String?

    public init(finding: Finding, action: FixAction, runningAsRoot: Bool) {
        findingID = finding.id
        title = finding.title
        self.action = action
        commandLines = action.displayLines(runningAsRoot: runningAsRoot)
        argvs = action.argvs(runningAsRoot: runningAsRoot)
        needsSudo = action.needsRoot && !runningAsRoot
        changes = action.changes
        switch action.afterwards {
        case .nothing: afterwards = nil
        case .logOutAndIn: afterwards = "Log out and back in afterwards for this to take effect."
        case .reboot: afterwards = "Reboot afterwards for this to take effect."
        }
    }

    /// The lines shown before asking, in the order a person reads them.
    public var explanationLines: [String] {
        var lines = ["Fix: \(title)", "  What it changes: \(changes)"]
        lines.append(needsSudo ? "  It needs administrator rights; sudo may ask for your password." : "  It does not need administrator rights.")
        lines.append("  Commands:")
        lines += commandLines.map { "    $ " + $0 }
        if let afterwards { lines.append("  " + afterwards) }
        return lines
    }

    public static let question = "Run these commands now? [y/N] "

    /// Only an explicit yes counts: empty input, end of input or anything else is a no.
    public static func isConsent(_ answer: String?) -> Bool {
        guard let answer else { return false }
        return ["y", "yes"].contains(answer.trimmingSpaces().lowercased())
    }
}

/// Everything `--fix` can offer for a report, in display order.
public func fixOffers(for report: DoctorReport, runningAsRoot: Bool) -> [FixOffer] {
    report.findings.compactMap { finding in
        finding.action.map { FixOffer(finding: finding, action: $0, runningAsRoot: runningAsRoot) }
    }
}

/// How one command of a fix ended.
public struct FixCommandOutcome: Sendable, Equatable {
    public var commandLine: String
    /// nil when it could not start at all.
    public var exitStatus: Int32?
    /// Why it could not start or was stopped, in words.
    public var problem: String?
    public var output: String

    public init(commandLine: String, exitStatus: Int32?, problem: String?, output: String = "") {
        self.commandLine = commandLine
        self.exitStatus = exitStatus
        self.problem = problem
        self.output = output
    }

    public var succeeded: Bool { exitStatus == 0 && problem == nil }
}

/// What came of running a fix: each command, and the checks run again on the re-probed machine.
public struct FixOutcome: Sendable {
    public var offer: FixOffer
    public var commands: [FixCommandOutcome]
    public var after: DoctorReport
    /// The re-probed facts the checks ran on, so what is shown or reported next is the machine now.
    public var factsAfter: MachineFacts

    public var commandsSucceeded: Bool { commands.count == offer.argvs.count && commands.allSatisfy(\.succeeded) }

    /// The finding is gone when the checks run again.
    public var resolved: Bool { !after.findings.contains { $0.id == offer.findingID } }

    public var summary: String {
        if let failed = commands.first(where: { !$0.succeeded }) {
            let how = failed.problem ?? "it exited with status \(failed.exitStatus.map(String.init) ?? "?")"
            return "The fix stopped: \"\(failed.commandLine)\" failed (\(how)). Nothing after it was run."
        }
        if resolved { return "Fixed: the check passes now." }
        if let afterwards = offer.afterwards { return "The commands ran. " + afterwards + " Then run onramp doctor again." }
        return "The commands ran, but the check still finds the problem. See onramp doctor -v for the evidence."
    }
}
