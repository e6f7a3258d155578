// The real fix runner on this machine, with harmless commands: a PATH look-up, a program that is not
// installed, an exit status and a signal, each as the fix's outcome reports it.
import Doctor
import Glibc
import Testing
@testable import Wizard

@Suite("Running a fix on this machine")
struct LiveFixTargetTests {
    let target = LiveFixTarget()

    func run(_ argv: [String]) -> FixCommandOutcome {
        target.run(argv) { _ in }
    }

    @Test("a program found on PATH runs, and its exit status comes back")
    func exitStatus() {
        let outcome = run(["sh", "-c", "exit 3"])
        #expect(outcome.exitStatus == 3)
        #expect(outcome.problem == nil)
        #expect(!outcome.succeeded)
        #expect(outcome.commandLine == "sh -c 'exit 3'")
        #expect(run(["true"]).succeeded)
    }

    @Test("a program given by its full path runs without a look-up")
    func fullPath() {
        #expect(run(["/bin/sh", "-c", "exit 0"]).succeeded)
    }

    @Test("a program that is not installed is not run, and says so")
    func notInstalled() {
        let outcome = run(["onramp-test-no-such-program", "--version"])
        #expect(outcome.exitStatus == nil)
        #expect(outcome.problem == "onramp-test-no-such-program is not installed (not found on PATH)")
        #expect(!outcome.succeeded)
        #expect(run(["/nonexistent/onramp-test-program"]).problem?.contains("not installed") == true)
    }

    @Test("a command ended by a signal reads as 128 + the signal's number, as a shell reports it")
    func signal() {
        let outcome = run(["sh", "-c", "kill -TERM $$"])
        #expect(outcome.exitStatus == Int32(128 + SIGTERM))
        #expect(outcome.problem == nil)
        #expect(!outcome.succeeded)
    }
}
