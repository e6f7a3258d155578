// Runs one external program with posix_spawn in its own process group, so a time-out can kill it
// and every grandchild that still holds its output pipes (SIGTERM, a short grace, then SIGKILL).
// Written on posix_spawn rather than swift-subprocess: the probe is synchronous, needs a hard deadline
// that covers grandchildren, and the Probe module stays free of dependencies.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

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

        let spawned = spawn(program: program, argv: argv, environment: environment, stdout: outPipe[1], stderr: errPipe[1])
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
        var status: Int32? = drained ? waitForExit(pid, until: deadline) : nil
        let timedOut = status == nil
        if timedOut {
            status = terminateGroup(pid)
        }
        close(outPipe[0])
        close(errPipe[0])
        return CommandResult(
            argv: argv, outcome: timedOut ? .timedOut : .exited, exitStatus: timedOut ? nil : status.map(exitCode),
            truncated: (out.truncated || err.truncated) ? true : nil, stdout: out.text, stderr: err.text
        )
    }

    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32

    /// `pipe2` is hidden behind _GNU_SOURCE in Swift's Glibc module; it matters because a pipe made
    /// without O_CLOEXEC could leak into a program another thread starts and keep our read open.
    private static let pipe2: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        if let pipe2 {
            return fds.withUnsafeMutableBufferPointer { pipe2($0.baseAddress, O_CLOEXEC) } == 0
        }
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    private enum Spawned {
        case success(pid_t)
        case failure(Int32)
    }

    private static func spawn(program: String, argv: [String], environment: [String: String], stdout: Int32, stderr: Int32) -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so one kill reaches the grandchildren too.
        posix_spawnattr_setpgroup(&attributes, 0)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgv.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, program, &actions, &attributes, cArgv, cEnv)
        return code == 0 ? .success(pid) : .failure(code)
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

    /// Waits for the program to end; nil when the deadline came first.
    private static func waitForExit(_ pid: pid_t, until deadline: ContinuousClock.Instant) -> Int32? {
        var pause: Int32 = 1
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result < 0 && errno != EINTR { return 0 }
            if milliseconds(until: deadline) <= 0 { return nil }
            _ = poll(nil, 0, pause)
            pause = min(pause * 2, 20)
        }
    }

    /// SIGTERM to the whole group, a grace period, then SIGKILL; returns the wait status.
    private static func terminateGroup(_ pid: pid_t) -> Int32 {
        kill(-pid, SIGTERM)
        if let status = waitForExit(pid, until: .now + gracePeriod) {
            kill(-pid, SIGKILL)
            return status
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
        let left = ContinuousClock.now.duration(to: deadline)
        return Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
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
