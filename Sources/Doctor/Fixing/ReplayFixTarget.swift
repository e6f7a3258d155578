// Replays a fix against a profile, so tests (and demos) see a fix work without touching this machine.
//
// A profile that can replay the fix with id ACTION holds `fixes/ACTION/`: the files that differ
// after the fix (same layout as the profile: system.json, fs/, commands/), plus `commands/`
// recordings of the fix's own commands. Running the fix copies the profile to a scratch folder,
// lays that folder over it, and answers the commands through `ReplaySystem` like any other tool.

import Foundation
import Probe

/// Sendable because its mutable fields (`current`, `fixed`) are read and written only under `lock`.
public final class ReplayFixTarget: FixTarget, @unchecked Sendable {
    public let profile: String
    private let scratch: String
    private let lock = NSLock()
    /// The machine as replayed now: the profile, then the fixed copy once a command has succeeded.
    private var current: String
    private var fixed: ReplaySystem?

    /// `actionID` picks `fixes/ACTION/`; without one, every command "was not recorded" and fails.
    public init(profile: String, actionID: String) throws {
        self.profile = profile
        current = profile
        scratch = NSTemporaryDirectory() + "onramp-fix-" + UUID().uuidString
        let overlay = profile + "/fixes/" + actionID
        let files = FileManager.default
        guard files.fileExists(atPath: overlay) else { return }
        try files.copyItem(atPath: profile, toPath: scratch)
        try Self.overlay(overlay, onto: scratch)
        fixed = try ReplaySystem(folder: scratch)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    public func run(_ argv: [String], output: @Sendable (String) -> Void) -> FixCommandOutcome {
        let line = argv.joined(separator: " ")
        guard let fixed else {
            return FixCommandOutcome(commandLine: line, exitStatus: nil, problem: "this profile has no recorded fix")
        }
        let result = fixed.run(Self.resolve(argv, in: fixed), timeout: .seconds(600))
        output(result.stdout)
        output(result.stderr)
        let outcome = FixCommandOutcome(
            commandLine: line, exitStatus: result.outcome == .exited ? result.exitStatus : nil,
            problem: result.outcome == .exited ? nil : (result.message ?? result.outcome.rawValue),
            output: result.stdout + result.stderr)
        if outcome.succeeded {
            lock.withLock { current = scratch }
        }
        return outcome
    }

    public func probe() -> MachineFacts {
        let folder = lock.withLock { current }
        guard let system = try? ReplaySystem(folder: folder) else { return MachineFacts() }
        return Prober(source: system).gather()
    }

    /// Programs run by full path, found on the replayed machine's PATH like the probe finds them.
    static func resolve(_ argv: [String], in system: some SystemSource) -> [String] {
        guard let program = argv.first, let found = system.findProgram(program) else { return argv }
        return [found] + argv.dropFirst()
    }

    /// Copies every file of `source` over `destination`, replacing files and creating folders.
    private static func overlay(_ source: String, onto destination: String) throws {
        let files = FileManager.default
        guard let walker = files.enumerator(atPath: source) else { return }
        while let relative = walker.nextObject() as? String {
            let from = source + "/" + relative
            let to = destination + "/" + relative
            var isFolder: ObjCBool = false
            _ = files.fileExists(atPath: from, isDirectory: &isFolder)
            if isFolder.boolValue {
                try files.createDirectory(atPath: to, withIntermediateDirectories: true)
            } else {
                if files.fileExists(atPath: to) { try files.removeItem(atPath: to) }
                try files.copyItem(atPath: from, toPath: to)
            }
        }
    }
}
