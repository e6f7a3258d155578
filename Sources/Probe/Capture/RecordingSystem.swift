// Passes every question through to another source and remembers question and answer, so the
// session can be written out as a profile (see `ProfileWriter`).

import Synchronization

public final class RecordingSystem: SystemSource {
    public let inner: any SystemSource
    private let log = Mutex(Recording())

    public init(recording inner: any SystemSource) {
        self.inner = inner
    }

    /// Everything asked so far.
    public var recording: Recording { log.withLock { $0 } }

    public func readFile(_ path: String) -> FileRead {
        let answer = inner.readFile(path)
        log.withLock { $0.files[path] = answer }
        return answer
    }

    public func listDirectory(_ path: String) -> [String]? {
        let answer = inner.listDirectory(path)
        if let answer { log.withLock { $0.listings[path] = answer } }
        return answer
    }

    public func fileInfo(_ path: String) -> FileInfo? {
        let answer = inner.fileInfo(path)
        if let answer { log.withLock { $0.infos[path] = answer } }
        return answer
    }

    public func run(_ argv: [String], timeout: Duration) -> CommandResult {
        let answer = inner.run(argv, timeout: timeout)
        log.withLock { $0.commands.append(answer) }
        return answer
    }

    public func environment(_ name: String) -> String? {
        let answer = inner.environment(name)
        if let answer { log.withLock { $0.environment[name] = answer } }
        return answer
    }

    public func currentUser() -> UserFacts? {
        let answer = inner.currentUser()
        log.withLock { $0.user = answer }
        return answer
    }

    public func volume(at path: String) -> VolumeSpace? {
        let answer = inner.volume(at: path)
        if let answer { log.withLock { $0.volumes.append(answer) } }
        return answer
    }
}

/// What a probe asked a machine and what it answered.
public struct Recording: Sendable {
    public var files: [String: FileRead] = [:]
    public var listings: [String: [String]] = [:]
    public var infos: [String: FileInfo] = [:]
    public var commands: [CommandResult] = []
    public var environment: [String: String] = [:]
    public var user: UserFacts?
    public var volumes: [VolumeSpace] = []

    public init() {}
}
