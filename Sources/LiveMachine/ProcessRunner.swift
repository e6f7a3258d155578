// Runs one external program with posix_spawn in its own process group, so a time-out can kill it
// and every grandchild that still holds its output pipes (SIGTERM, a short grace, then SIGKILL).
// Written on posix_spawn rather than swift-subprocess: the probe is synchronous, needs a hard deadline
// that covers grandchildren, and the probe's modules stay free of package dependencies. The same
// spawn also runs an agreed fix on the shared terminal (`runSharingTerminal`), with signals reset the
// same way.

import CProcessShim
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Probe

public enum ProcessRunner {
    /// How long a program gets after SIGTERM before SIGKILL.
    static let gracePeriod: Duration = .milliseconds(100)

    public static func run(
        _ argv: [String], environment: [String: String], timeout: Duration,
        outputCap: Int = CommandResult.outputCap
    ) -> CommandResult {
        guard let program = argv.first, program.hasPrefix("/") else {
            return CommandResult(argv: argv, outcome: .couldNotStart, message: "the program has no full path")
        }
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard makePipe(&outPipe) else {
            return CommandResult(argv: argv, outcome: .couldNotStart, message: "could not make a pipe: \(errorText(errno))")
        }
        guard makePipe(&errPipe) else {
            close(outPipe[0]); close(outPipe[1])
            return CommandResult(argv: argv, outcome: .couldNotStart, message: "could not make a pipe: \(errorText(errno))")
        }

        let spawned = spawn(program: program, argv: argv, environment: environment, streams: .captured(stdout: outPipe[1], stderr: errPipe[1]))
        close(outPipe[1])
        close(errPipe[1])
        guard case .success(let pid) = spawned else {
            close(outPipe[0]); close(errPipe[0])
            if case .failure(let code) = spawned {
                return CommandResult(argv: argv, outcome: .couldNotStart, message: errorText(code))
            }
            return CommandResult(argv: argv, outcome: .couldNotStart)
        }

        let deadline = ContinuousClock.now + timeout
        var out = CappedBuffer(cap: outputCap)
        var err = CappedBuffer(cap: outputCap)
        let drained = drain(stdoutFD: outPipe[0], stderrFD: errPipe[0], into: &out, &err, until: deadline)
        let ending = drained ? waitForExit(pid, until: deadline) : .deadlinePassed
        close(outPipe[0])
        close(errPipe[0])
        let truncated: Bool? = (out.truncated || err.truncated) ? true : nil
        switch ending {
        case .exited(let status):
            return CommandResult(
                argv: argv, outcome: .exited, exitStatus: exitCode(status), truncated: truncated,
                stdout: out.text, stderr: err.text)
        case .deadlinePassed:
            terminateGroup(pid)
            return CommandResult(argv: argv, outcome: .timedOut, truncated: truncated, stdout: out.text, stderr: err.text)
        case .waitFailed(let code):
            // Its status is lost (something else reaped it): no status rather than a made-up 0.
            // Its group is not killed: once reaped elsewhere, its number may belong to another.
            return CommandResult(
                argv: argv, outcome: .exited, exitStatus: nil,
                message: "its exit status could not be read (waitpid: \(errorText(code)))", truncated: truncated,
                stdout: out.text, stderr: err.text)
        }
    }

    /// Both ends close on exec: a pipe that leaked into a program another thread starts would keep
    /// our read open until that program ends.
    static func makePipe(_ fds: inout [Int32]) -> Bool {
        fds.withUnsafeMutableBufferPointer { onramp_pipe_cloexec($0.baseAddress) } == 0
    }

    private enum Spawned {
        case success(pid_t)
        case failure(Int32)
    }

    /// Where a spawned program's output goes.
    private enum Streams {
        /// Its own pipes, stdin from /dev/null, in a process group of its own (a probe's tool).
        case captured(stdout: Int32, stderr: Int32)
        /// This process's terminal, in its process group, so it can ask questions and Ctrl-C reaches it.
        case sharedTerminal
    }

    private static func spawn(program: String, argv: [String], environment: [String: String]?, streams: Streams) -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if case .captured(let stdout, let stderr) = streams {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, stdout, 1)
            posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        }
        // The program gets stdin, stdout and stderr only: a descriptor it inherited by accident (a file
        // another thread is writing) would stay open as long as it runs. Where the C library cannot
        // (ENOSYS), close-on-exec on our own descriptors has to do.
        _ = onramp_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if case .captured = streams {
            // Its own process group, so one kill reaches the grandchildren too.
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        // Signals as a program expects them, whatever this process blocks or ignores (a test
        // runner's threads block SIGTERM; `onramp chat` ignores SIGINT): none blocked, the usual
        // ones at their default action.
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { $0.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            cArgv.forEach { free($0) }
            cEnv?.forEach { free($0) }
        }
        var pid: pid_t = 0
        func attempt() -> Int32 {
            if let cEnv { return posix_spawn(&pid, program, &actions, &attributes, cArgv, cEnv) }
            return posix_spawn(&pid, program, &actions, &attributes, cArgv, environ)
        }
        var code = attempt()
        // "Text file busy": the program file is still open for writing somewhere, often a file descriptor
        // that another thread's child inherited for a moment; it clears within milliseconds.
        var attempts = 1
        while code == ETXTBSY && attempts < 10 {
            _ = poll(nil, 0, 10)
            code = attempt()
            attempts += 1
        }
        return code == 0 ? .success(pid) : .failure(code)
    }

    /// How a program run on the shared terminal ended.
    public enum TerminalRunEnding: Sendable, Equatable {
        /// Its exit status, 128 + the signal's number when a signal ended it (as a shell says).
        case exited(Int32)
        /// It could not be started; why, in words.
        case couldNotStart(String)
        /// It ran, but its status could not be read; why, in words.
        case statusUnknown(String)
    }

    /// Runs a program (by full path) on this process's terminal and environment, in the terminal's
    /// process group, so it can ask for a password and Ctrl-C reaches it; waits as long as it takes.
    /// For commands a person agreed to run (a fix), not for probing.
    public static func runSharingTerminal(_ argv: [String]) -> TerminalRunEnding {
        guard let program = argv.first, program.hasPrefix("/") else { return .couldNotStart("the program has no full path") }
        switch spawn(program: program, argv: argv, environment: nil, streams: .sharedTerminal) {
        case .failure(let code):
            return .couldNotStart(errorText(code))
        case .success(let pid):
            var status: Int32 = 0
            while true {
                if waitpid(pid, &status, 0) == pid { return .exited(exitCode(status)) }
                if errno != EINTR { return .statusUnknown("waitpid: " + errorText(errno)) }
            }
        }
    }

    /// Reads both pipes until both close; false when the deadline came first.
    private static func drain(stdoutFD: Int32, stderrFD: Int32, into out: inout CappedBuffer, _ err: inout CappedBuffer, until deadline: ContinuousClock.Instant) -> Bool {
        var open: [Int32] = [stdoutFD, stderrFD]
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            let remaining = milliseconds(until: deadline)
            if remaining <= 0 { return false }
            var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(remaining, 1000)))
            if ready < 0 && errno != EINTR { return false }
            for entry in polls where entry.revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == stdoutFD {
                        out.append(chunk[0..<count])
                    } else {
                        err.append(chunk[0..<count])
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        return true
    }

    /// How waiting for a program ended.
    enum WaitEnding: Equatable {
        /// It ended; the raw wait status.
        case exited(status: Int32)
        case deadlinePassed
        /// waitpid itself failed (ECHILD: not our child, or already reaped); the errno.
        case waitFailed(Int32)
    }

    /// Waits for the program to end, polling so the deadline is kept.
    static func waitForExit(_ pid: pid_t, until deadline: ContinuousClock.Instant) -> WaitEnding {
        var pause: Int32 = 1
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return .exited(status: status) }
            if result < 0 && errno != EINTR { return .waitFailed(errno) }
            if milliseconds(until: deadline) <= 0 { return .deadlinePassed }
            _ = poll(nil, 0, pause)
            pause = min(pause * 2, 20)
        }
    }

    /// SIGTERM to the whole group, a grace period, then SIGKILL, and the program reaped.
    private static func terminateGroup(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        let ending = waitForExit(pid, until: .now + gracePeriod)
        kill(-pid, SIGKILL)
        guard ending == .deadlinePassed else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Rounded up, so a wait never ends before its deadline.
    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
        let left = ContinuousClock.now.duration(to: deadline)
        let perMillisecond: Int64 = 1_000_000_000_000_000
        return Int(left.components.seconds * 1000 + (left.components.attoseconds + perMillisecond - 1) / perMillisecond)
    }

    static func errorText(_ code: Int32) -> String {
        LocalFiles.errorText(code)
    }
}

/// Keeps the first `cap` bytes and counts the rest, so a flood of output costs no memory.
struct CappedBuffer {
    let cap: Int
    private(set) var bytes: [UInt8] = []
    private(set) var truncated = false

    init(cap: Int) { self.cap = cap }

    mutating func append(_ chunk: ArraySlice<UInt8>) {
        let room = cap - bytes.count
        if chunk.count > room {
            bytes.append(contentsOf: chunk.prefix(max(room, 0)))
            truncated = true
        } else {
            bytes.append(contentsOf: chunk)
        }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
