// `onramp --plain --yes` with no terminal (pipes), as a script, CI or a serial console runs it: the
// whole Set up journey in plain lines, each accepted answer said on its page, the real SmolLM2 file
// downloaded from the loopback hub (HF_ENDPOINT) and verified, the self-test run on it, then the
// chat started by the model's name in the store, answering one question. The machine is the
// Raspberry Pi 5 profile with its memory cut to 1 GB (720 MB available), where SmolLM2 135M is the
// one model that suits, so accepting the recommendation means downloading that file.
import Foundation
import Testing
import TestSupport

@Suite("Set up with --yes in plain lines, with a real download", .serialized, .onOwnThread)
struct SetupLineModeDownloadTests {
    static let question = "What is 2+2? Answer briefly."

    /// A copy of the Raspberry Pi 5 profile with 1 GB of memory, 720 MB of it available.
    static func smallMachine(in folder: URL) throws -> String {
        let source = SetupDownloadInTmuxTests.repository.appendingPathComponent("profiles/raspberry-pi-5")
        let target = folder.appendingPathComponent("small-pi")
        try FileManager.default.copyItem(at: source, to: target)
        let meminfo = target.appendingPathComponent("fs/proc/meminfo")
        let original = try String(contentsOf: meminfo, encoding: .utf8)
        let changed = original
            .replacing(/MemTotal: +[0-9]+ kB/, with: "MemTotal:        1000000 kB")
            .replacing(/MemAvailable: +[0-9]+ kB/, with: "MemAvailable:     720000 kB")
        try #require(changed != original, "the profile's meminfo has no MemTotal/MemAvailable lines to change")
        try changed.write(to: meminfo, atomically: true, encoding: .utf8)
        return target.path
    }

    /// Runs `onramp` with pipes for all three streams; once standard error shows the chat's
    /// greeting, types the question and /exit. Returns the status, standard output and error.
    static func runUntilChat(_ binary: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        // Both outputs go to files, so neither can fill a pipe and block the child while it is polled.
        let base = NSTemporaryDirectory() + "onramp-yes-" + UUID().uuidString
        let outputPath = base + ".out", errorPath = base + ".err"
        for path in [outputPath, errorPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        defer { for path in [outputPath, errorPath] { try? FileManager.default.removeItem(atPath: path) } }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

        // The download, self-test and chat start take well under a minute here; ten is for a loaded machine.
        let deadline = ContinuousClock.now + .seconds(600)
        var asked = false
        while process.isRunning, ContinuousClock.now < deadline {
            if !asked, read(errorPath).contains("Chatting with") {
                input.fileHandleForWriting.write(Data((question + "\n/exit\n").utf8))
                try input.fileHandleForWriting.close()
                asked = true
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("onramp --plain --yes did not end within 10 minutes")
        }
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return (process.terminationStatus, read(outputPath), read(errorPath))
    }

    @Test("with no terminal, --plain --yes says each accepted answer, downloads SmolLM2 from HF_ENDPOINT, tests it, and chats by its name; status 0")
    func acceptsEveryStepWithADownload() async throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let server = try await TestHubServer()
        defer { Task { await server.close() } }
        server.add(try SetupDownloadInTmuxTests.realModel())
        let home = SetupDownloadInTmuxTests.Home()
        defer { home.remove() }
        try FileManager.default.createDirectory(at: home.root, withIntermediateDirectories: true)
        let profile = try Self.smallMachine(in: home.root)
        let environment = [
            "HOME": home.root.path + "/home", "ONRAMP_HOME": home.root.path + "/store", "XDG_CONFIG_HOME": home.root.path + "/config",
            "XDG_STATE_HOME": home.root.path + "/state", "XDG_DATA_HOME": home.root.path + "/data",
            "HF_ENDPOINT": server.endpoint.absoluteString, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
        ]
        let run = try Self.runUntilChat(binary, ["--plain", "--yes", "--profile", profile], environment: environment)
        #expect(run.status == 0, "\(run.output)\n\(run.errors)")

        // Each page, then the line saying what --yes accepted on it, in the journey's order.
        let name = SetupDownloadInTmuxTests.modelName
        let expected = [
            "What would you like to do?", "--yes: accepting 1, Set up (get a model running).",
            "Set up: Scan this computer", "--yes: accepting the scan and going on to \"Check for problems\".",
            "Set up: Check for problems", "--yes: accepting the checks as they are (it runs no fix), going on to \"Choose a model\".",
            "Set up: Choose a model", "--yes: accepting the best model for this computer, SmolLM2 135M Instruct (Q4_1).",
            "Set up: Download the model", "is downloaded and verified", "--yes: accepting",
            "Set up: Test the model on this computer", "checks passed", "--yes: accepting the passed self-test",
            "Set up: Finish", "onramp chat \(name)", "--yes: accepting \"Start chatting now\" (as onramp chat \(name)).",
        ]
        // A long line is wrapped on the page; read the pages as one run of words.
        let words = run.output.replacing(/[ ]*\n[ ]*/, with: " ")
        var rest = Substring(words)
        for text in expected {
            guard let found = rest.range(of: text) else {
                Issue.record("missing (or out of order): \(text)\nin:\n\(run.output)")
                break
            }
            rest = rest[found.upperBound...]
        }
        #expect(!run.output.contains("Quit Onramp?"))
        // The model is named by its store name; its file (sha256-…) is said only as where it is.
        #expect(!run.output.contains("onramp chat /"), "Finish names the model by its file:\n\(run.output)")
        #expect(!run.errors.contains("Chatting with sha256"), "\(run.errors)")
        // Each page is printed once: Finish does not repeat its lines once the store has answered.
        #expect(run.output.components(separatedBy: "Its file is").count == 2, "\(run.output)")

        // One request for the file: downloaded once, from the loopback hub, and verified.
        #expect(server.fileRequests.count == 1)
        let blob = home.root.path + "/store/blobs/sha256-b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
        #expect(FileManager.default.fileExists(atPath: blob))
        #expect(!FileManager.default.fileExists(atPath: home.partial))

        // The chat is started by the store's name, and answers the question between two prompts.
        #expect(run.errors.contains("Chatting with \(name)."), "\(run.errors)")
        // The chat prints "> ", the answer, then "> " again, where /exit ends it: the answer is
        // what stands between the last two prompts.
        let prompts = run.output.components(separatedBy: "> ")
        try #require(prompts.count >= 3, "no chat prompts:\n\(run.output)")
        let answer = prompts[prompts.count - 2].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!answer.isEmpty && !answer.contains("Set up:") && !answer.contains("--yes"), "no answer: \(answer)")
        #expect(prompts[prompts.count - 1].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
