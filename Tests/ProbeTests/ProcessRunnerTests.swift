// The command runner under hostile programs: hangs, grandchildren holding pipes, floods of output.

import Foundation
import Testing
import TestSupport
@testable import LiveMachine
@testable import Probe

@Suite("Running external programs", .onOwnThread)
struct ProcessRunnerTests {
    @Test("a program's output, exit status and arguments come back as they were")
    func plainRun() {
        let result = ProcessRunner.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3", "sh"], environment: [:], timeout: .seconds(3))
        #expect(result.outcome == .exited)
        #expect(result.exitStatus == 3)
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
        #expect(result.truncated == nil)
    }

    @Test("a program that hangs, with a grandchild holding its output open, is killed at its time-out")
    func hangIsKilled() throws {
        let folder = try TemporaryFolder()
        let marker = folder.path + "/grandchild.pid"
        let script = try folder.script("hang", "sleep 1000 &\necho $! > \(marker)\necho started\nwait\n")
        let start = ContinuousClock.now
        let timeout = Duration.seconds(1)
        let result = ProcessRunner.run([script], environment: ["PATH": "/usr/bin:/bin"], timeout: timeout)
        let elapsed = ContinuousClock.now - start
        #expect(result.outcome == .timedOut)
        #expect(result.stdout == "started\n")
        #expect(elapsed >= timeout)
        // The program sleeps 1000 s; returning within seconds proves the kill. Loose on purpose.
        #expect(elapsed < timeout + .seconds(15))
        let grandchild = try #require(Int32(String(contentsOfFile: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // Reaped by init by now or about to be; a zombie-free check is that it no longer runs.
        var stillRunning = true
        for _ in 0..<50 where stillRunning {
            stillRunning = isRunning(grandchild)
            if stillRunning { usleep(10_000) }
        }
        #expect(!stillRunning)
    }

    @Test("a program that ignores SIGTERM is killed with SIGKILL")
    func ignoresTerm() throws {
        let folder = try TemporaryFolder()
        let script = try folder.script("stubborn", "trap '' TERM\nwhile :; do sleep 0.05; done\n")
        let start = ContinuousClock.now
        let timeout = Duration.milliseconds(500)
        let result = ProcessRunner.run([script], environment: ["PATH": "/usr/bin:/bin"], timeout: timeout)
        #expect(result.outcome == .timedOut)
        // It never exits by itself, so returning at all proves SIGKILL; the bound only catches a hang.
        #expect(ContinuousClock.now - start < timeout + .seconds(15))
    }

    @Test("a program that prints 100 MB is capped at 1 MB and still finishes")
    func floodIsCapped() {
        let result = ProcessRunner.run(
            ["/bin/sh", "-c", "head -c 104857600 /dev/zero | tr '\\0' x"], environment: ["PATH": "/usr/bin:/bin"],
            timeout: .seconds(20)
        )
        #expect(result.outcome == .exited)
        #expect(result.exitStatus == 0)
        #expect(result.stdout.utf8.count == CommandResult.outputCap)
        #expect(result.truncated == true)
    }

    @Test("a program that cannot be started says why instead of crashing")
    func cannotStart() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/not-executable"
        try "echo hi".write(toFile: path, atomically: true, encoding: .utf8)
        let result = ProcessRunner.run([path], environment: [:], timeout: .seconds(1))
        #expect(result.outcome == .couldNotStart)
        #expect(result.message?.isEmpty == false)
        #expect(ProcessRunner.run(["relative"], environment: [:], timeout: .seconds(1)).outcome == .couldNotStart)
        #expect(ProcessRunner.run([], environment: [:], timeout: .seconds(1)).outcome == .couldNotStart)
    }

    @Test("a program inherits only stdin, stdout and stderr, not the caller's other open files")
    func noInheritedDescriptors() throws {
        let null = open("/dev/null", O_RDONLY)
        try #require(null >= 0)
        // A descriptor without close-on-exec, as a careless library might leave one.
        let leaked: Int32 = 77
        try #require(dup2(null, leaked) == leaked)
        defer { close(leaked); close(null) }
        let result = ProcessRunner.run(["/bin/sh", "-c", "ls /proc/$$/fd"], environment: ["PATH": "/usr/bin:/bin"], timeout: .seconds(3))
        let descriptors = Set(result.stdout.split(separator: "\n").map(String.init))
        #expect(descriptors.contains("1"))
        #expect(!descriptors.contains("77"))
    }

    @Test("a program killed by a signal reports 128 + the signal")
    func killedBySignal() {
        let result = ProcessRunner.run(["/bin/sh", "-c", "kill -9 $$"], environment: [:], timeout: .seconds(3))
        #expect(result.outcome == .exited)
        #expect(result.exitStatus == 137)
    }

    @Test("a waitpid that fails is reported as a failure with its reason, never as exit status 0")
    func waitFailure() {
        // This process is not its own child: the real waitpid fails with ECHILD, as it would for a
        // program whose status something else had already collected.
        #expect(ProcessRunner.waitForExit(getpid(), until: .now + .seconds(2)) == .waitFailed(ECHILD))
    }

    @Test("the runner's pipes close on exec at both ends, made in one step through the C shim")
    func pipesCloseOnExec() throws {
        var fds: [Int32] = [-1, -1]
        try #require(ProcessRunner.makePipe(&fds))
        defer { close(fds[0]); close(fds[1]) }
        #expect(fcntl(fds[0], F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(fds[1], F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test("a program on the shared terminal gets signals at their defaults, even when this thread blocks them")
    func sharedTerminalSignals() {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        #expect(ProcessRunner.runSharingTerminal(["/bin/sh", "-c", "kill -TERM $$"]) == .exited(143))
        #expect(ProcessRunner.runSharingTerminal(["/bin/sh", "-c", "exit 3"]) == .exited(3))
        #expect(ProcessRunner.runSharingTerminal(["sh", "-c", "exit 0"]) == .couldNotStart("the program has no full path"))
        #expect(ProcessRunner.runSharingTerminal(["/nonexistent/onramp-test"]) == .couldNotStart("No such file or directory"))
    }

    private func isRunning(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // A zombie (state Z) has stopped running; only its parent has not read its status yet.
        return !status.contains(") Z ")
    }
}
