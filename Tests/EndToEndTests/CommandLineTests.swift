// The onramp command through pipes: version, help, usage errors, and line mode without a terminal.
import Foundation
import Testing
import TestSupport

@Suite("Command line", .onOwnThread)
struct CommandLineTests {
    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try runProgram([try OnrampBinary.path(), "--version"])
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").first?.isEmpty == false)
    }

    @Test("--help explains the wizard and lists --plain")
    func help() throws {
        let result = try runProgram([try OnrampBinary.path(), "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("--plain"))
        #expect(result.output.contains("wizard"))
    }

    @Test("a usage error exits 64 and says what was wrong", arguments: [["--no-such-option"], ["no-such-command"]])
    func usageError(arguments: [String]) throws {
        let result = try runProgram([try OnrampBinary.path()] + arguments)
        #expect(result.status == 64)
        #expect(result.output.contains("Usage"))
    }

    @Test("with pipes instead of a terminal it runs in line mode and quits after confirmation")
    func pipedLineMode() throws {
        let result = try runProgram([try OnrampBinary.path()], input: "3\nb\nq\ny\n")
        #expect(result.status == 0)
        #expect(result.output.contains("Make a diagnostics report: Scan this computer"))
        #expect(result.output.contains("Quit Onramp?"))
        #expect(!result.output.contains("\u{1B}["), "line mode must not send escape sequences")
    }

    @Test("input that ends early leaves cleanly instead of hanging")
    func endOfInput() throws {
        let result = try runProgram([try OnrampBinary.path(), "--plain"], input: "")
        #expect(result.status == 0)
        #expect(result.output.contains("What would you like to do?"))
    }
}
