// Every subcommand of the real binary with the values people get wrong: 0, -1, the largest
// integer, empty and 10 kB strings, a missing file, a folder, a named pipe, a file it may not
// read, an unknown flag. Each must end with its expected status (0, 1 or 64) and a short message
// that names the command and says what to do; none may trap.

import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Every subcommand with boundary values", .onOwnThread)
struct ArgumentBoundaryTests {
    /// One command line and what it must end with.
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        /// Text the message must contain (the rule broken, or the advice).
        var says: String
        var input = ""
        /// Runs as an unprivileged user, for the unreadable file (root reads every file).
        var asOtherUser = false

        /// The subcommand's name, "" for onramp itself.
        var command: String { Self.commands.contains(arguments.first ?? "") ? arguments[0] : "" }

        var testDescription: String {
            arguments.map { $0.count > 40 ? "<\($0.count) characters>" : $0.isEmpty ? "''" : $0 }.joined(separator: " ")
        }

        static let commands = [
            "probe", "doctor", "recommend", "bench-kernels", "run", "chat", "bench", "selftest",
            "pull", "list", "import", "rm", "verify", "report", "gpu",
        ]
    }

    static let model = RunCommandTests.model
    static let largest = String(Int.max)
    static let long = String(repeating: "x", count: 10_240)
    static let missing = "/nonexistent/model.gguf"
    static let files = ScratchFiles.shared

    static let cases: [Case] = {
        let folder = files.folder, pipe = files.pipe, unreadable = files.unreadable
        var cases: [Case] = [
            Case(arguments: ["--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            Case(arguments: [long], status: 64, says: "Unexpected argument"),
        ]
        // Numeric options: each boundary is refused with its range, never "Missing value" or a trap.
        // `zero` says whether 0 is refused too (run -n 0 or --top-k 0 are valid, and tested below).
        let numeric: [(prefix: [String], option: String, zero: Bool, rule: String)] = [
            (["probe"], "--timeout", true, "--timeout must be a number more than 0 and at most 600 (seconds)"),
            (["bench-kernels"], "--seconds", true, "--seconds must be a number more than 0 and at most 60 (seconds)"),
            (["run", model, "-p", "Hi"], "-n", false, "-n must be a whole number between 0 and 1000000 (tokens)"),
            (["run", model, "-p", "Hi"], "--context", true, "--context must be a whole number between 1 and 1000000"),
            (["run", model, "-p", "Hi"], "--threads", true, "--threads must be a whole number between 1 and 512"),
            (["run", model, "-p", "Hi"], "--top-k", false, "--top-k must be a whole number between 0 and 1000000"),
            (["run", model, "-p", "Hi"], "--seed", false, "--seed must be a whole number between 0 and 18446744073709551615"),
            (["chat", model], "-n", true, "-n must be a whole number between 1 and 1000000 (tokens)"),
            (["chat", model], "--top-p", true, "--top-p must be a number more than 0 and at most 1"),
            (["chat", model], "--temp", false, "--temp must be a number between 0 and 100"),
            (["bench", model], "-p", false, "-p must be a whole number between 0 and 1000000 (tokens)"),
            (["bench", model], "-r", true, "-r must be a whole number between 1 and 1000"),
        ]
        for (prefix, option, zero, rule) in numeric {
            // The largest Int is a valid seed (a UInt64); 10^23 is beyond both.
            let large = option == "--seed" ? [] : [largest]
            for value in (zero ? ["0"] : []) + ["-1"] + large + ["99999999999999999999999", "", long, "nan"] {
                cases.append(Case(arguments: prefix + [option, value], status: 64, says: rule))
            }
        }
        cases += [
            // Valid boundaries run and end well.
            Case(arguments: ["run", model, "-p", "Hi", "-n", "0"], status: 0, says: "0 generated"),
            Case(arguments: ["run", model, "-p", "Hi", "-n", "1", "--top-k", "0", "--seed", String(UInt64.max)], status: 0, says: "1 generated"),
            Case(arguments: ["run", model, "-p", "Hi", "-n", "3", "--context", "3", "--temp", "0"], status: 0,
                 says: "-n 3 lowered to 2: the prompt (1 token) and the answer must fit in a context of 3 tokens"),
            Case(arguments: ["chat", model, "-n", "1", "--system", long], status: 0, says: "Chatting with", input: "/exit\n"),
            Case(arguments: ["bench", model, "-p", "1", "-n", "1", "-r", "1"], status: 0, says: "tg1"),
            // Values that only the model can refuse.
            Case(arguments: ["run", model, "-p", "Hi", "--context", "1000000"], status: 64,
                 says: "--context 1000000 is more than this model was trained for (8192 tokens); give at most 8192"),
            Case(arguments: ["chat", model, "--context", "8193"], status: 64, says: "give at most 8192"),
            Case(arguments: ["run", model, "-p", long, "--context", "64"], status: 64,
                 says: "which leaves no room in --context 64. Shorten the prompt or raise --context"),
            Case(arguments: ["bench", model, "-p", "10000"], status: 64,
                 says: "-p 10000 is more tokens than this model was trained to hold (8192); give at most 8192"),
            Case(arguments: ["bench", model, "-p", "0", "-n", "0"], status: 64, says: "nothing to measure; give -p or -n more than 0"),
            // Strings.
            Case(arguments: ["run", model, "-p", ""], status: 64, says: "The prompt is empty"),
            Case(arguments: ["run", model], status: 64, says: "Missing expected argument '--prompt <prompt>'"),
            Case(arguments: ["run", model, "-p", "Hi", "--kv-cache", ""], status: 64, says: "--kv-cache must be f32 or f16"),
            Case(arguments: ["run", model, "-p", "Hi", "--kv-cache", "f8"], status: 64, says: "--kv-cache must be f32 or f16"),
            // --literal is a flag: it takes no value, and a prompt that is only control-token text runs.
            Case(arguments: ["run", model, "-p", "Hi", "--literal=yes"], status: 64, says: "--literal"),
            Case(arguments: ["run", model, "-p", "<|im_end|>", "-n", "0"], status: 0, says: "1 prompt tokens"),
            Case(arguments: ["run", model, "-p", "<|im_end|>", "-n", "0", "--literal"], status: 0, says: "7 prompt tokens"),
            Case(arguments: ["doctor", "--markdown"], status: 64, says: "--markdown only applies to --list-checks"),
        ]
        // Model files that are not there or not files, for every command that takes one.
        for command in ["run", "chat", "bench"] {
            let tail = command == "run" ? ["-p", "Hi"] : []
            cases += [
                Case(arguments: [command, missing] + tail, status: 1, says: "Cannot open '\(missing)': there is no file at that path"),
                Case(arguments: [command, folder] + tail, status: 1, says: "'\(folder)' is not a regular file but a folder"),
                Case(arguments: [command, pipe] + tail, status: 1, says: "'\(pipe)' is not a regular file but a named pipe"),
                Case(arguments: [command, unreadable] + tail, status: 1, says: "Cannot open '\(unreadable)': permission denied", asOtherUser: true),
                Case(arguments: [command, ""] + tail, status: 64, says: "The model path is empty; give the path of a .gguf file"),
                Case(arguments: [command, "no-such-model-name"] + tail, status: 64,
                     says: "Onramp's store has no model of that name. `onramp list` shows the names of the models in the store"),
                Case(arguments: [command, long] + tail, status: 1, says: "the path is too long"),
                Case(arguments: [command, model, "--no-such-flag"] + tail, status: 64, says: "Unknown option '--no-such-flag'"),
            ]
        }
        // Machine profiles.
        for command in ["probe", "doctor"] {
            cases += [
                Case(arguments: [command, "--profile", "/nonexistent/profile"], status: 64, says: "There is no machine profile folder at /nonexistent/profile"),
                Case(arguments: [command, "--profile", folder], status: 64, says: "Could not read the machine profile file \(folder)/system.json"),
                Case(arguments: [command, "--profile", long], status: 64, says: "profile"),
                Case(arguments: [command, "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            ]
        }
        cases += [
            Case(arguments: ["probe", "--capture", files.unreadable], status: 1, says: "Could not write the profile to \(files.unreadable)"),
            Case(arguments: ["probe", "--capture", ""], status: 64, says: "--capture needs the path of a new folder"),
            Case(arguments: ["bench-kernels", "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            // Recommendations, the self-test and the model store.
            Case(arguments: ["recommend", "--for", "x"], status: 64, says: "Please provide one of 'chat', 'code' or 'fast'"),
            Case(arguments: ["recommend", "--for", ""], status: 64, says: "Please provide one of 'chat', 'code' or 'fast'"),
            Case(arguments: ["recommend", "--profile", "/nonexistent/profile"], status: 64, says: "There is no machine profile folder at /nonexistent/profile"),
            Case(arguments: ["recommend", "--profile", folder], status: 64, says: "Could not read the machine profile file \(folder)/system.json"),
            Case(arguments: ["recommend", "--save-speed", folder, "--profile", ProbeCommandTests.repository + "/profiles/raspberry-pi-5"],
                 status: 64, says: "cannot be combined with --profile"),
            Case(arguments: ["recommend", "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            Case(arguments: ["selftest", missing], status: 1, says: "Cannot open '\(missing)': there is no file at that path"),
            Case(arguments: ["selftest", folder], status: 1, says: "is not a regular file but a folder"),
            Case(arguments: ["selftest", "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            Case(arguments: ["pull", ""], status: 64, says: "is not a model Onramp knows how to fetch"),
            Case(arguments: ["pull", long], status: 64, says: "is not a model Onramp knows how to fetch"),
            Case(arguments: ["pull", "http://example.com/a.gguf"], status: 64, says: "only https:// addresses are allowed"),
            Case(arguments: ["pull", "hf://a"], status: 64, says: "is not a Hugging Face file address"),
            Case(arguments: ["pull", "hf://a/b/../c.gguf"], status: 64, says: "hf://"),
            Case(arguments: ["pull"], status: 64, says: "Missing expected argument '<source>'"),
            Case(arguments: ["pull", "smollm2-135"], status: 64, says: "Did you mean smollm2-135m-instruct?"),
            Case(arguments: ["pull", "smollm2-135m-instruct:q2_k"], status: 64, says: "it lists Q4_1, Q8_0"),
            Case(arguments: ["list", "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            Case(arguments: ["import"], status: 64, says: "Missing expected argument '<model>'"),
            Case(arguments: ["import", ""], status: 1, says: "is neither a model another program downloaded nor a file"),
            Case(arguments: ["import", long], status: 1, says: "is neither a model another program downloaded nor a file"),
            Case(arguments: ["import", missing], status: 1, says: "is neither a model another program downloaded nor a file"),
            Case(arguments: ["import", folder], status: 1, says: "is not a file Onramp can read"),
            Case(arguments: ["import", pipe], status: 1, says: "is not a file Onramp can read"),
            Case(arguments: ["import", unreadable], status: 1, says: "Cannot open '\(unreadable)': permission denied", asOtherUser: true),
            Case(arguments: ["import", "x", "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            Case(arguments: ["rm", "no-such-model-\(largest)"], status: 1, says: "No model named 'no-such-model-\(largest)'"),
            Case(arguments: ["rm"], status: 64, says: "Missing expected argument '<name>'"),
            Case(arguments: ["verify", "no-such-model-\(largest)"], status: 1, says: "No model named 'no-such-model-\(largest)'"),
            Case(arguments: ["verify", "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            // The diagnostics report.
            Case(arguments: ["report", "--out", ""], status: 64, says: "--out needs the name of a file"),
            Case(arguments: ["report", "--bundle", "--json"], status: 64, says: "--bundle always holds both the Markdown and the JSON report"),
            Case(arguments: ["report", "--out", folder], status: 1, says: "\(folder) is a folder"),
            Case(arguments: ["report", "--out", missing], status: 1, says: "Could not save the report to \(missing)"),
            Case(arguments: ["report", "--out", files.unreadable + "/r.md"], status: 1, says: "Could not save the report"),
            Case(arguments: ["report", "--out", long], status: 1, says: "Could not save the report"),
            Case(arguments: ["report", "--profile", "/nonexistent/profile"], status: 64, says: "There is no machine profile folder at /nonexistent/profile"),
            Case(arguments: ["report", "--profile", folder], status: 64, says: "Could not read the machine profile file \(folder)/system.json"),
            Case(arguments: ["report", "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
            Case(arguments: ["gpu", "--device", ""], status: 0, says: "Vulkan devices:\n"),
            Case(arguments: ["gpu", "--device", largest], status: 1, says: "No Vulkan device matches \"\(largest)\""),
            Case(arguments: ["gpu", "--device", long], status: 1, says: "Run onramp gpu to list the devices"),
            Case(arguments: ["gpu", "--device"], status: 64, says: "Missing value for '--device <device>'"),
            Case(arguments: ["gpu", "--no-such-flag"], status: 64, says: "Unknown option '--no-such-flag'"),
        ]
        return cases
    }()

    @Test("every subcommand in onramp --help has boundary cases here")
    func everySubcommandCovered() throws {
        let help = try runProgram([try OnrampBinary.path(), "--help"]).output
        // "  name   abstract" lines, up to the blank line; wrapped abstracts are indented further.
        let section = help.components(separatedBy: "SUBCOMMANDS:\n").last?.components(separatedBy: "\n\n").first ?? ""
        let listed = section.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(Set(listed) == Set(Case.commands), "new subcommands need boundary cases: \(listed)")
        #expect(Set(Self.cases.map(\.command)) == Set(Case.commands + [""]))
    }

    @Test("ends with the expected status and a short message naming the command and what to do", arguments: cases)
    func boundary(_ test: Case) throws {
        var arguments = [try OnrampBinary.path()] + test.arguments
        if test.asOtherUser && getuid() == 0 {
            // Root may read any file, so the unreadable case runs as the unprivileged user nobody.
            let setpriv = try #require(["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                       "setpriv (util-linux) is needed to test an unreadable file as root")
            arguments = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + arguments
        }
        let result = try runProgram(arguments, input: test.input)
        let output = result.output
        #expect(result.status == test.status, "\(output.prefix(600))")
        #expect(result.status < 128, "ended by signal \(result.status - 128)")
        for sign in ["Fatal error", "Swift runtime failure", "Stack dump", "Current stack trace", "💣"] {
            #expect(!output.contains(sign), "\(output.prefix(2000))")
        }
        #expect(output.contains(test.says), "\(output.prefix(600))")
        // Short: without the long value echoed back, a usage error is its message and the usage.
        let message = output.replacingOccurrences(of: Self.long, with: "…")
        if result.status != 0 { #expect(message.count < 1200, "\(message)") }
        let name = test.command.isEmpty ? "onramp" : "onramp \(test.command)"
        switch result.status {
        case 64:
            #expect(output.contains("Usage: \(name)"))
            #expect(output.contains("See '\(name) --help' for more information."))
        case 1:
            #expect(output.contains("\(name): error: "))
        default:
            break
        }
    }
}

/// A folder, a named pipe and a file no one but its owner may read, made once for the suite.
final class ScratchFiles: Sendable {
    static let shared = ScratchFiles()

    let folder: String
    let pipe: String
    let unreadable: String

    private init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("onramp-boundaries-\(UUID().uuidString)").path
        pipe = folder + "/pipe.gguf"
        unreadable = folder + "/unreadable.gguf"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)  // the unprivileged user must reach the unreadable file
        mkfifo(pipe, 0o644)
        _ = FileManager.default.createFile(atPath: unreadable, contents: Data("GGUF".utf8), attributes: [.posixPermissions: 0o000])
    }
}
