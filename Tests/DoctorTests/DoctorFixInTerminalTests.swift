// `onramp doctor --fix` in a real terminal (tmux), replaying a profile: "n" runs nothing, "y" runs
// the recorded fix and the re-check passes.

import Foundation
import LiveMachine
import Probe
import Testing

/// One tmux session running a command; the screen is read back as text.
private struct TerminalSession {
    let name = "onramp-doctor-test-\(UUID().uuidString.prefix(8))"
    let tmux: String

    init() throws { tmux = try RequiredTools.tmux() }
    var socket: String { NSTemporaryDirectory() + name + ".tmux" }

    /// Runs tmux through the probe's process runner (posix_spawn, time-out): Foundation's Process
    /// never noticed the tmux client exit once the tmux server had forked from it.
    @discardableResult
    func tmuxRun(_ arguments: [String], readOutput: Bool = true) throws -> String {
        // A private server per session: nothing shared with other tests or the user's tmux.
        let argv = [tmux, "-S", socket, "-f", "/dev/null"] + arguments
        let result = LiveSystem().run(argv, timeout: .seconds(10))
        return readOutput ? result.stdout : ""
    }

    /// The tmux server that new-session starts would keep a pipe open forever, so it gets none.
    func start(_ command: String) throws {
        try tmuxRun(["new-session", "-d", "-s", name, "-x", "120", "-y", "60", command], readOutput: false)
    }

    func screen() throws -> String { try tmuxRun(["capture-pane", "-p", "-t", name, "-S", "-200"]) }

    func type(_ text: String) throws { try tmuxRun(["send-keys", "-t", name, text, "Enter"], readOutput: false) }

    /// Waits up to 20 s for `text` to appear; returns the screen either way.
    func waitFor(_ text: String) throws -> String {
        for _ in 0..<200 {
            let shown = try screen()
            if shown.contains(text) { return shown }
            usleep(100_000)
        }
        return try screen()
    }

    func stop() {
        _ = try? tmuxRun(["kill-server"], readOutput: false)
        try? FileManager.default.removeItem(atPath: socket)
    }
}

@Suite("onramp doctor --fix in a terminal")
struct DoctorFixInTerminalTests {
    static let profile = RepositoryFiles.root + "/Tests/DoctorTests/Fixtures/nvidia-uvm-unloaded"

    static func command() throws -> String {
        "env LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=xterm-256color '\(try RequiredTools.onramp())' doctor --fix --profile '\(profile)'; echo EXIT=$?; sleep 30"
    }

    @Test("answering n skips the fix: nothing runs and the exit status stays 1")
    func no() throws {
        let session = try TerminalSession()
        try session.start(try Self.command())
        defer { session.stop() }
        let asked = try session.waitFor("Run these commands now? [y/N]")
        #expect(asked.contains("    $ sudo modprobe nvidia_uvm"))
        #expect(asked.contains("It needs administrator rights; sudo may ask for your password."))
        try session.type("n")
        let end = try session.waitFor("EXIT=")
        #expect(end.contains("Skipped."))
        #expect(!end.contains("$ /usr/bin/sudo") && !end.contains("Fixed:"))
        #expect(end.contains("EXIT=1"))
    }

    @Test("answering y runs the recorded fix, re-checks, and the exit status becomes 0")
    func yes() throws {
        let session = try TerminalSession()
        try session.start(try Self.command())
        defer { session.stop() }
        _ = try session.waitFor("Run these commands now? [y/N]")
        try session.type("y")
        let end = try session.waitFor("EXIT=")
        #expect(end.contains("Fixed: the check passes now."))
        #expect(end.contains("[✓] Graphics card: NVIDIA GeForce RTX 3060 [10de:2504] (driver nvidia 550.54.15)"))
        #expect(end.contains("EXIT=0"))
    }
}
