// A real terminal for end-to-end tests: a private tmux server running a shell, read with capture-pane.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The onramp binary under test, from ONRAMP_BIN (set by scripts/test).
enum OnrampBinary {
    static func path() throws -> String {
        let path = ProcessInfo.processInfo.environment["ONRAMP_BIN"] ?? ""
        try #require(!path.isEmpty, "ONRAMP_BIN is not set. Run ./scripts/test, which builds onramp and sets it to the binary.")
        try #require(FileManager.default.isExecutableFile(atPath: path), "ONRAMP_BIN=\(path) is not an executable file.")
        return path
    }
}

struct CommandResult {
    var status: Int32
    var output: String
}

/// Runs a program to completion and returns its status and output (stdout and stderr).
///
/// posix_spawn rather than Foundation's Process, for two reasons seen here: the test process has
/// most signals blocked on its threads and Process passes that mask on (a tmux server started that
/// way ignores kill-server and SIGTERM), and `tmux new-session` leaves a server running that holds
/// the output descriptor, so output goes to a file that needs no end-of-file.
func runProgram(_ arguments: [String], input: String = "", environment: [String: String]? = nil) throws -> CommandResult {
    let folder = FileManager.default.temporaryDirectory
    let inputURL = folder.appendingPathComponent("onramp-e2e-\(UUID().uuidString).in")
    let outputURL = folder.appendingPathComponent("onramp-e2e-\(UUID().uuidString).out")
    try Data(input.utf8).write(to: inputURL)
    defer {
        try? FileManager.default.removeItem(at: inputURL)
        try? FileManager.default.removeItem(at: outputURL)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inputURL.path, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let environmentLines = withOwnConfigFolder(environment ?? ProcessInfo.processInfo.environment,
                                               unlessSetIn: environment ?? [:])
        .map { "\($0.key)=\($0.value)" }
    var pid: pid_t = 0
    let status = withCStrings(arguments) { argv in
        withCStrings(environmentLines) { envp in
            posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        }
    }
    try #require(status == 0, "could not start \(arguments[0]): error \(status)")
    var waitStatus: Int32 = 0
    // A hung program must fail the test, not hang the whole test run.
    let deadline = ContinuousClock.now + .seconds(30)
    while waitpid(pid, &waitStatus, WNOHANG) == 0 {
        if ContinuousClock.now > deadline {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &waitStatus, 0)
            Issue.record("\(arguments.joined(separator: " ")) did not finish within 30 seconds; killed it.")
            break
        }
        usleep(5_000)
    }
    let exited = waitStatus & 0x7f == 0
    let code = exited ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f)
    let data = (try? Data(contentsOf: outputURL)) ?? Data()
    return CommandResult(status: code, output: String(decoding: data, as: UTF8.self))
}

/// Calls `body` with a NULL-terminated C array of the strings, valid only during the call.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}

final class TmuxSession {
    let socket = "onramp-test-\(UUID().uuidString)"
    private(set) var lastScreen = ""

    /// Starts a detached tmux server of its own at `width`×`height` running a plain shell.
    init(width: Int, height: Int) throws {
        let shell = "env PS1='$ ' bash --norc --noprofile"
        let started = try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", shell])
        try #require(started.status == 0, "tmux could not start: \(started.output)")
        try waitFor("the shell prompt") { $0.contains("$") }
    }

    deinit {
        stop()
    }

    /// Stops the server; called by deinit too, so a failing test never leaves one behind.
    func stop() {
        _ = try? tmux(["kill-server"])
    }


    @discardableResult
    func tmux(_ arguments: [String]) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        return try runProgram(["tmux", "-u", "-f", "/dev/null", "-L", socket] + arguments, environment: environment)
    }

    /// Types text literally, then presses Enter.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
        try tmux(["send-keys", "Enter"])
    }

    /// Presses keys by tmux name (Escape, Down, C-c) or literal single characters.
    func press(_ keys: String...) throws {
        for key in keys {
            try tmux(["send-keys", key])
        }
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    func screen() throws -> String {
        let captured = try tmux(["capture-pane", "-p"])
        lastScreen = captured.output
        return captured.output
    }

    func lines() throws -> [String] {
        try screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Polls the screen until `condition` holds; fails with what the screen showed at the deadline.
    func waitFor(
        _ what: String, timeout: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(try screen()) { return }
            Thread.sleep(forTimeInterval: 0.025)
        }
        Issue.record("Timed out waiting for \(what). The screen showed:\n\(lastScreen)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    func waitFor(text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor("\"\(text)\"", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits until the shell is the pane's foreground program again: keys typed while the program
    /// is still ending would go to it (under load the first letter of a command was lost that way).
    func waitForShell(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor("the shell to be in the foreground again", sourceLocation: sourceLocation) { _ in
            (try? tmux(["display-message", "-p", "#{pane_current_command}"]).output
                .trimmingCharacters(in: .whitespacesAndNewlines)) == "bash"
        }
    }

    /// Runs `echo READY` and expects it back on a line of its own: the terminal was restored
    /// (echo on, line discipline back, no leftover screen modes).
    func expectUsableShell(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitForShell(sourceLocation: sourceLocation)
        try type("echo READY")
        try waitFor("the shell to answer READY", sourceLocation: sourceLocation) { screen in
            screen.split(separator: "\n").contains { $0 == "READY" } && screen.contains("$ echo READY")
        }
    }

    struct TimedOut: Error {}
}
