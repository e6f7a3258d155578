// Long work says how far it is on a terminal, and only there: `onramp bench` in tmux shows its
// current test and run on standard error; through pipes (RunCommandTests) it prints none of it.

import Foundation
import Testing
import TestSupport

@Suite("Progress on a terminal", .onOwnThread)
struct ProgressInTerminalTests {
    @Test("bench shows the test and run it is on, rewritten in place, and stops on Ctrl-C")
    func benchProgress() throws {
        let binary = try OnrampBinary.path()
        let tmux = try TmuxSession(width: 100, height: 24)
        defer { tmux.stop() }
        // Enough repetitions to still be running when the screen is read; Ctrl-C ends it.
        try tmux.type("\(binary) bench \(RunCommandTests.model) -p 8 -n 0 -r 1000 --threads 1")
        try tmux.waitFor("a progress line") { $0.contains("bench: pp8, run ") && $0.contains(" of 1001") }
        let progressLines = try tmux.lines().filter { $0.contains("bench: pp8") }
        #expect(progressLines.count == 1, "the progress line is rewritten, not repeated: \(progressLines)")
        try tmux.press("C-c")
        try tmux.expectUsableShell()
    }
}
