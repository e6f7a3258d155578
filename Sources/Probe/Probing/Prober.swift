// Gathers `MachineFacts` from a `SystemSource`, one area at a time, so a screen can show progress.

import Foundation

public enum ProbeArea: String, CaseIterable, Sendable {
    case cpu
    case memory
    case disks
    case os
    case environment
    case gpus
    case runtimes

    /// Heading in the user's words.
    public var title: String {
        switch self {
        case .cpu: "Processor"
        case .memory: "Memory"
        case .disks: "Disk space"
        case .os: "Operating system"
        case .environment: "Environment"
        case .gpus: "Graphics and drivers"
        case .runtimes: "Other AI tools"
        }
    }
}

public struct Prober: Sendable {
    public let source: any SystemSource
    /// Each external command gets this long before it is killed.
    public let timeout: Duration

    public init(source: any SystemSource, timeout: Duration = .seconds(3)) {
        self.source = source
        self.timeout = timeout
    }

    /// Runs `areas` (every one by default) in order; `progress` hears each one as it completes,
    /// with the facts so far.
    public func gather(
        _ areas: [ProbeArea] = ProbeArea.allCases, progress: (ProbeArea, MachineFacts) -> Void = { _, _ in }
    ) -> MachineFacts {
        let session = ProbeSession(source: source, timeout: timeout)
        for area in areas {
            session.probe(area)
            progress(area, session.facts)
        }
        return session.facts
    }
}

/// One probe run: the facts as they grow, and the commands considered so far.
final class ProbeSession {
    let source: any SystemSource
    let timeout: Duration
    var facts = MachineFacts()

    init(source: any SystemSource, timeout: Duration) {
        self.source = source
        self.timeout = timeout
    }

    func probe(_ area: ProbeArea) {
        switch area {
        case .cpu: probeCPU()
        case .memory: probeMemory()
        case .disks: probeDisks()
        case .os: probeOS()
        case .environment: probeEnvironment()
        case .gpus: probeGPUs()
        case .runtimes: probeRuntimes()
        }
    }

    func text(_ path: String) -> String? {
        source.readFile(path).text
    }

    /// First line of a file, trimmed; nil when missing, unreadable or empty.
    func line(_ path: String) -> String? {
        guard let text = text(path) else { return nil }
        let first = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) }
        return first?.isEmpty == false ? first : nil
    }

    func exists(_ path: String) -> Bool {
        source.fileInfo(path) != nil
    }

    var home: String? {
        source.environment("HOME").flatMap { $0.isEmpty ? nil : $0 }
    }

    func findProgram(_ name: String) -> String? {
        source.findProgram(name)
    }

    /// Runs a tool found on PATH and records what became of it; nil when it did not produce a result.
    @discardableResult
    func runTool(
        _ name: String, _ arguments: [String], skipBecause reason: String? = nil, normalStatuses: Set<Int32> = [0]
    ) -> CommandResult? {
        guard let program = findProgram(name) else {
            facts.commands.append(CommandFact(argv: [name] + arguments, outcome: .notFound, note: "\(name) is not installed (not on PATH)"))
            return nil
        }
        let argv = [program] + arguments
        if let reason {
            facts.commands.append(CommandFact(argv: argv, outcome: .skipped, note: reason))
            return nil
        }
        let result = source.run(argv, timeout: timeout)
        switch result.outcome {
        case .exited:
            facts.commands.append(CommandFact(
                argv: argv, outcome: result.exitStatus.map(normalStatuses.contains) == true ? .succeeded : .failed,
                exitStatus: result.exitStatus,
                note: result.message ?? (result.truncated == true ? "output cut at \(CommandResult.outputCap) bytes" : nil)
            ))
        case .timedOut:
            facts.commands.append(CommandFact(argv: argv, outcome: .timedOut, note: "killed after \(timeout) without finishing"))
        case .couldNotStart:
            facts.commands.append(CommandFact(argv: argv, outcome: .couldNotStart, note: result.message))
            return nil
        }
        return result
    }
}
