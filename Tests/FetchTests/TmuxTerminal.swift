// A real terminal for the wizard's download journeys: a private tmux server running a shell, read
// with capture-pane. (EndToEndTests has the full helper; this target needs the loopback hub server
// as well, and test targets cannot share files, so this is the small part those journeys use.)
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

final class TmuxTerminal {
    let socket = "onramp-fetch-test-\(UUID().uuidString)"
    private(set) var lastScreen = ""

    init(width: Int, height: Int) throws {
        let started = try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "env PS1='$ ' bash --norc --noprofile"])
        try #require(started == 0, "tmux could not start")
        try waitFor("the shell prompt") { $0.contains("$") }
    }

    deinit { stop() }

    func stop() { _ = try? tmux(["kill-server"]) }

    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
        try tmux(["send-keys", "Enter"])
    }

    func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", key]) }
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    func screen() throws -> String {
        let output = NSTemporaryDirectory() + "onramp-capture-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        try tmux(["capture-pane", "-p"], output: output)
        lastScreen = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return lastScreen
    }

    func waitFor(_ what: String, timeout: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(try screen()) { return }
            Thread.sleep(forTimeInterval: 0.025)
        }
        Issue.record("Timed out waiting for \(what). The screen showed:\n\(lastScreen)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    func waitFor(text: String, timeout: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The shell is back in front and answers.
    func expectShell(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try type("echo READY")
        try waitFor("the shell to answer READY", sourceLocation: sourceLocation) { screen in
            screen.split(separator: "\n").contains { $0 == "READY" }
        }
    }

    struct TimedOut: Error {}

    /// Runs tmux on this test's server with posix_spawn and a clear signal mask: the test process
    /// blocks most signals on its threads, and a tmux server started with that mask would ignore
    /// kill-server. Output goes to a file, since the server keeps inherited descriptors open.
    @discardableResult
    private func tmux(_ arguments: [String], output: String = "/dev/null") throws -> Int32 {
        let argv = ["tmux", "-u", "-f", "/dev/null", "-L", socket] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let strings = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            strings.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, strings, variables)
        try #require(spawned == 0, "could not start tmux: error \(spawned)")
        var status: Int32 = 0
        let deadline = ContinuousClock.now + .seconds(30)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(5_000)
        }
        return (status >> 8) & 0xff
    }
}
