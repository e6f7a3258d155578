// The Set up journey after the checks: Recommend (the catalog's real ranking for a captured
// machine), Download (store, progress, stop, retry, failure), Self-test and Finish with the hand-off
// to the chat. Screens are driven through the wizard's update with the messages their work sends.
import Catalog
@testable import Fetch
import Foundation
import Probe
import SelfTest
import Synchronization
import Testing
import TUI
@testable import Wizard

/// Runs a command to its end and returns the messages it sent: a stream's, or a perform's one.
func results(of command: Command<WizardMessage>) async -> [WizardMessage] {
    switch command {
    case .perform(let work): return [await work()]
    case .stream: return await messages(of: command)
    case .after(_, let message): return [message]
    default: return []
    }
}

/// What the model steps' services did, for the tests to look at.
final class ServiceLog: Sendable {
    let downloads = Mutex<[String]>([])
    let selfTests = Mutex<[String]>([])
}

@Suite("Model steps: recommend, download, self-test, finish")
struct ModelStepsTests {
    static let profile = "desktop-rtx3060-ubuntu2204"
    let context = ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)

    /// The captured machine's facts, as the Scan step gathers them.
    static func facts() throws -> MachineFacts {
        Prober(source: try ReplaySystem(folder: Profiles.root.appendingPathComponent(profile).path)).gather()
    }

    /// The real recommendation for those facts: the bundled catalog, the speed estimated from the facts.
    static func recommendation(for facts: MachineFacts) throws -> Recommendation {
        Recommender.recommend(
            catalog: try ModelCatalog.bundled(), facts: facts, speed: SpeedEstimate.estimate(for: facts), goal: .chat,
            engineArchitectures: ["llama"])
    }

    /// Services whose recommendation is the real one; the store, download and self-test answer
    /// as told (the screens' handling of each answer is what these tests check).
    static func services(
        stored: [StoredModel] = [], download: Result<String, DownloadFailure> = .success("/store/model.gguf"),
        selfTest: Result<SelfTestReport, ServiceProblem>? = nil, log: ServiceLog = ServiceLog(), handOff: ChatHandOff = ChatHandOff()
    ) -> ModelServices {
        ModelServices(
            recommend: { facts in Result { try recommendation(for: facts) }.mapError { ServiceProblem("\($0)") } },
            stored: { stored },
            download: { file, progress in
                log.downloads.withLock { $0.append(file.fileName) }
                progress(DownloadProgress(fileName: file.fileName, bytesDone: file.sizeBytes / 2, totalBytes: file.sizeBytes, bytesPerSecond: 1_000_000, retrying: nil))
                return download
            },
            selfTest: { path, progress in
                log.selfTests.withLock { $0.append(path) }
                let report = selfTest ?? .success(passedReport(model: path))
                if case .success(let value) = report { value.checks.forEach(progress) }
                return report
            },
            handOff: handOff)
    }

    static func passedReport(model: String, failing: SelfTestCheck? = nil) -> SelfTestReport {
        var checks = [
            SelfTestCheck(group: .kernel, name: "Q4_1 product", path: "avx2", passed: true, measured: 1e-9, limit: 5e-4, detail: "", seconds: 0.1),
            SelfTestCheck(group: .model, name: "model opens", passed: true, measured: nil, limit: nil, detail: "", seconds: 0.2),
        ]
        if let failing { checks.append(failing) }
        return SelfTestReport(
            passed: failing == nil, kernelPath: "avx2", supportedPaths: ["portable", "avx2"], disabledPaths: [], newlyDisabledPaths: [],
            model: URL(fileURLWithPath: model).lastPathComponent, checks: checks,
            speed: SpeedMeasurement(promptTokens: 20, promptTokensPerSecond: 200, generatedTokens: 16, generationTokensPerSecond: 40, threads: 2),
            messages: [], seconds: 2.4)
    }

    /// Set up, scanned and checked on the captured machine, then `n`: the Recommend screen, with
    /// its recommendation delivered.
    func recommendScreen(_ services: ModelServices) async throws -> (Wizard, WizardState) {
        let wizard = Wizard(version: "test", machineScan: try Profiles.scan(Self.profile), models: services)
        var (state, commands) = wizard.update(WizardState(), .key(.character("1")))
        for update in await messages(of: commands[0]) { (state, _) = wizard.update(state, .message(update)) }
        (state, _) = wizard.update(state, .key(.enter))
        (state, commands) = wizard.update(state, .key(.character("n")))
        guard case .recommend = state.current else {
            Issue.record("expected Recommend, got \(state.current)")
            throw CancellationError()
        }
        #expect(wizard.view(state, context).text.contains("Measuring how fast this computer"))
        try #require(commands.count == 1)
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        return (wizard, state)
    }

    func recommendProgress(_ state: WizardState) -> RecommendProgress? {
        if case .recommend(let progress, _) = state.current { progress } else { nil }
    }

    @Test("a model's details say how much of it the engine's graphics card would hold")
    func detailsNameTheCardShare() throws {
        var facts = try Self.facts()
        // What the engine's Vulkan child reports on this machine's card (the profile predates that line).
        facts.drivers.vulkan.engineCard = EngineGraphicsCard(device: .init(
            index: 0, name: "NVIDIA GeForce RTX 3060", kind: "discrete graphics card", memoryBytes: 12 << 30, freeBytes: 11 << 30))
        let recommendation = try Self.recommendation(for: facts)
        let best = try #require(recommendation.best)
        let card = try #require(best.card)
        let details = RecommendScreen.details(best, recommendation)
        #expect(details.contains(RecommendationText.cardLine(card)), "\(details)")
        #expect(details.contains("On the graphics card (NVIDIA GeForce RTX 3060)"))
    }

    @Test("Recommend lists the catalog's ranking for the scanned machine, best first, with memory, speed and the reason")
    func recommendList() async throws {
        let (wizard, state) = try await recommendScreen(Self.services())
        let expected = try Self.recommendation(for: Self.facts())
        let best = try #require(expected.best)
        let text = wizard.view(state, context).text
        #expect(text.contains("Set up: Choose a model"))
        let firstRow = try #require(text.split(separator: "\n").first { $0.contains("1. \(best.model.name)") })
        #expect(firstRow.contains("›"))
        #expect(firstRow.contains("needs \(Amounts.gigabytes(best.fit.need.totalBytes))"))
        #expect(firstRow.contains("· \(Amounts.rate(best.speed.generationWordsPerSecond)) words/s"))
        #expect(text.contains(String(best.reason.prefix(30))))
        #expect(recommendProgress(state)?.candidates == expected.candidates)
    }

    @Test("in line mode a typed number past 9 chooses that model; the footer offers only the numbers one key can type")
    func recommendTwoDigits() async throws {
        var (wizard, state) = try await recommendScreen(Self.services())
        let candidates = try #require(recommendProgress(state)?.candidates)
        try #require(candidates.count >= 12)
        #expect(wizard.view(state, context).text.contains("Enter/1-9 Choose"))
        for key in LineTerminal.keys(forLine: "12") { (state, _) = wizard.update(state, .key(key)) }
        let chosen = candidates[11]
        if chosen.isSuitable {
            guard case .download(let download, _) = state.current else {
                Issue.record("expected the download of model 12, got \(state.current)")
                return
            }
            #expect(download.answers.choice?.model.name == chosen.model.name)
        } else {
            #expect(recommendProgress(state)?.note?.contains(chosen.model.name) == true)
        }
    }

    @Test("d shows the numbers behind a model, Esc closes them, and Esc again goes back to the checks")
    func recommendDetails() async throws {
        var (wizard, state) = try await recommendScreen(Self.services())
        (state, _) = wizard.update(state, .key(.character("d")))
        let details = wizard.view(state, context).text
        #expect(details.contains("Memory needed:"))
        #expect(details.contains("Speed: about"))
        (state, _) = wizard.update(state, .key(.escape))
        #expect(wizard.view(state, context).text.contains(" 1. "))
        (state, _) = wizard.update(state, .key(.escape))
        guard case .checks = state.current else {
            Issue.record("expected Checks, got \(state.current)")
            return
        }
    }

    @Test("Enter on a model that does not suit stays and says why; Enter on one that does opens its download")
    func recommendChoose() async throws {
        var (wizard, state) = try await recommendScreen(Self.services())
        let progress = try #require(recommendProgress(state))
        let unsuitable = try #require(progress.candidates.firstIndex { !$0.isSuitable })
        for _ in 0..<unsuitable { (state, _) = wizard.update(state, .key(.down)) }
        (state, _) = wizard.update(state, .key(.enter))
        #expect(wizard.view(state, context).text.contains("is not for this computer now"))
        (state, _) = wizard.update(state, .key(.home))
        (state, _) = wizard.update(state, .key(.enter))
        guard case .download(let download, .setUp) = state.current else {
            Issue.record("expected Download, got \(state.current)")
            return
        }
        #expect(download.answers.choice == progress.candidates[0])
        #expect(download.phase == .checkingStore)
    }

    /// Recommend, then Enter on the best model: the Download screen and its first command.
    func downloadScreen(_ services: ModelServices) async throws -> (Wizard, WizardState, [Command<WizardMessage>]) {
        var (wizard, state) = try await recommendScreen(services)
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.enter))
        // Saving the progress, and looking in the store.
        try #require(commands.count == 2)
        var next: [Command<WizardMessage>] = []
        for command in commands {
            for message in await results(of: command) {
                let (updated, work) = wizard.update(state, .message(message))
                state = updated
                next += work
            }
        }
        return (wizard, state, next)
    }

    /// A frame's words with line breaks and indentation as single spaces, to find wrapped sentences.
    func words(_ frame: String) -> String {
        frame.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func downloadState(_ state: WizardState) -> DownloadState? {
        if case .download(let download, _) = state.current { download } else { nil }
    }

    @Test("a model already in the store is used as it is: Enter goes to the self-test with its path")
    func downloadFromStore() async throws {
        let facts = try Self.facts()
        let best = try #require(try Self.recommendation(for: facts).best)
        let stored = StoredModel(fileName: best.file.fileName, path: "/store/blobs/sha256-abc", size: best.file.sizeBytes)
        let log = ServiceLog()
        var (wizard, state, commands) = try await downloadScreen(Self.services(stored: [stored], log: log))
        #expect(commands.isEmpty)
        #expect(wizard.view(state, context).text.contains("is already downloaded"))
        (state, commands) = wizard.update(state, .key(.enter))
        guard case .selfTest(let progress, .setUp) = state.current else {
            Issue.record("expected Self-test, got \(state.current)")
            return
        }
        #expect(progress.answers.modelPath == stored.path)
        #expect(log.downloads.withLock { $0 }.isEmpty)
        #expect(commands.count == 2)
    }

    @Test("a download shows bytes, speed and time left; c stops it and the partial is said to be kept; r continues")
    func downloadProgressAndStop() async throws {
        var (wizard, state, commands) = try await downloadScreen(Self.services())
        var download = try #require(downloadState(state))
        #expect(download.phase == .downloading(nil))
        #expect(commands.count == 1)
        let file = try #require(download.file)
        let halfway = DownloadProgress(fileName: file.fileName, bytesDone: file.sizeBytes / 4, totalBytes: file.sizeBytes, bytesPerSecond: 2_000_000, retrying: nil)
        (state, _) = wizard.update(state, .message(.downloadProgress(halfway, download.control)))
        let text = wizard.view(state, context).text
        #expect(text.contains("25%"))
        #expect(text.contains(NumberText.bytes(file.sizeBytes / 4) + " of " + NumberText.bytes(file.sizeBytes)))
        #expect(text.contains("2.0 MB/s"))
        #expect(text.contains("left"))

        // A report from another download (an earlier attempt) changes nothing.
        let stale = DownloadProgress(fileName: file.fileName, bytesDone: 1, totalBytes: file.sizeBytes, bytesPerSecond: 1, retrying: nil)
        let before = state
        (state, _) = wizard.update(state, .message(.downloadProgress(stale, DownloadControl())))
        #expect(state == before)

        (state, commands) = wizard.update(state, .key(.character("c")))
        #expect(downloadState(state)?.phase == .stopping)
        #expect(commands.count == 1)
        (state, _) = wizard.update(state, .message(.downloadEnded(.failure(.cancelled), download.control)))
        let stopped = wizard.view(state, context).text
        #expect(stopped.contains("Download stopped. The \(NumberText.bytes(file.sizeBytes / 4)) downloaded so far are kept"))

        (state, commands) = wizard.update(state, .key(.character("r")))
        download = try #require(downloadState(state))
        #expect(download.phase == .downloading(nil))
        #expect(commands.count == 1)
        (state, _) = wizard.update(state, .message(.downloadEnded(.success("/store/blobs/sha256-def"), download.control)))
        #expect(wizard.view(state, context).text.contains("is downloaded and verified"))
        (state, _) = wizard.update(state, .key(.enter))
        guard case .selfTest(let progress, _) = state.current else {
            Issue.record("expected Self-test, got \(state.current)")
            return
        }
        #expect(progress.answers.modelPath == "/store/blobs/sha256-def")
    }

    @Test("a failed download shows the reason and the next step; Esc goes back to choose another model")
    func downloadFailure() async throws {
        let message = "Could not reach huggingface.co: the network is unreachable. Check the connection and try again."
        var (wizard, state, commands) = try await downloadScreen(Self.services(download: .failure(.failed(message))))
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        let text = wizard.view(state, context).text
        #expect(text.contains("The download did not finish."))
        #expect(text.contains("the network is unreachable"))
        #expect(words(text).contains("Press r to try again, u to use a model file already on this computer, or Esc to choose another model."))
        (state, commands) = wizard.update(state, .key(.escape))
        guard case .recommend = state.current else {
            Issue.record("expected Recommend, got \(state.current)")
            return
        }
    }

    @Test("a failed download offers a model file already on disk: u lists them (the chosen file first), Esc goes back, Enter imports it and the set-up goes on with it")
    func downloadFailureUsesFileOnDisk() async throws {
        let facts = try Self.facts()
        let best = try #require(try Self.recommendation(for: facts).best)
        let other = FoundModel(
            tool: .ollama, name: "llama3.2:1b", path: "/home/x/.ollama/models/blobs/sha256-aa", sizeBytes: 1_300_000_000,
            expectedSHA256: nil, architecture: "llama", problem: nil)
        let same = FoundModel(
            tool: .lmStudio, name: "lmstudio-community/\(best.file.fileName)", path: "/home/x/.lmstudio/models/\(best.file.fileName)",
            sizeBytes: best.file.sizeBytes, expectedSHA256: nil, architecture: "llama", problem: nil)
        let broken = FoundModel(
            tool: .downloads, name: "page.gguf", path: "/home/x/Downloads/page.gguf", sizeBytes: 10, expectedSHA256: nil,
            architecture: nil, problem: "it is a web page")
        let imported = Mutex<[String]>([])
        var services = Self.services(download: .failure(.failed("huggingface.co refused access (HTTP 403).")))
        services.found = { [other, same, broken] }
        services.importFound = { model in
            imported.withLock { $0.append(model.path) }
            return .success("/store/blobs/sha256-imported")
        }
        var (wizard, state, commands) = try await downloadScreen(services)
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        var text = wizard.view(state, context).text
        #expect(words(text).contains("Press r to try again, u to use a model file already on this computer, or Esc to choose another model."))
        #expect(text.contains("u Use a file on disk"), "\(text)")

        (state, commands) = wizard.update(state, .key(.character("u")))
        #expect(downloadState(state)?.phase == .lookingForFiles)
        try #require(commands.count == 1)
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        #expect(downloadState(state)?.phase == .choosingFile([same, other], selected: 0))
        text = wizard.view(state, context).text
        #expect(text.contains("LM Studio") && text.contains("Ollama") && !text.contains("page.gguf"), "\(text)")
        #expect(text.contains("File: \(same.path)"))

        // Esc goes back to the failure page, with its reason.
        (state, _) = wizard.update(state, .key(.escape))
        #expect(wizard.view(state, context).text.contains("refused access (HTTP 403)"))
        (state, commands) = wizard.update(state, .key(.character("u")))
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }

        (state, _) = wizard.update(state, .key(.down))
        #expect(wizard.view(state, context).text.contains("File: \(other.path)"))
        (state, commands) = wizard.update(state, .key(.enter))
        #expect(downloadState(state)?.phase == .importing(other))
        try #require(commands.count == 1)
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        #expect(imported.withLock { $0 } == [other.path])
        text = wizard.view(state, context).text
        #expect(words(text).contains("llama3.2:1b from Ollama is checked and in Onramp's store (linked, not copied)."), "\(text)")
        (state, _) = wizard.update(state, .key(.enter))
        guard case .selfTest(let progress, _) = state.current else {
            Issue.record("expected Self-test, got \(state.current)")
            return
        }
        #expect(progress.answers.modelPath == "/store/blobs/sha256-imported")
    }

    @Test("with no model on disk the list says where Onramp looked and how to import another file; a failed import goes back to the failure page with why")
    func downloadFailureNoFileOrImportFails() async throws {
        let found = FoundModel(
            tool: .downloads, name: "model.gguf", path: "/home/x/Downloads/model.gguf", sizeBytes: 1000, expectedSHA256: "ab",
            architecture: "llama", problem: nil)
        let list = Mutex<[FoundModel]>([])
        var services = Self.services(download: .failure(.failed("The disk filled up.")))
        services.found = { list.withLock { $0 } }
        services.importFound = { _ in .failure(ServiceProblem("it does not match the sha256 its program recorded")) }
        var (wizard, state, commands) = try await downloadScreen(services)
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        (state, commands) = wizard.update(state, .key(.character("u")))
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        var text = wizard.view(state, context).text
        #expect(words(text).contains("No model downloaded by another program was found") && words(text).contains("onramp import PATH"), "\(text)")
        (state, _) = wizard.update(state, .key(.enter))
        #expect(downloadState(state)?.phase == .choosingFile([], selected: 0))
        (state, _) = wizard.update(state, .key(.escape))
        #expect(downloadState(state)?.phase == .failed("The disk filled up."))

        list.withLock { $0 = [found] }
        (state, commands) = wizard.update(state, .key(.character("u")))
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        (state, commands) = wizard.update(state, .key(.character("1")))
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        text = wizard.view(state, context).text
        #expect(text.contains("The download did not finish."))
        #expect(words(text).contains("model.gguf from Downloads folder cannot be used: it does not match the sha256"), "\(text)")
    }

    @Test("stopping a download cancels its task, which ends at once")
    func controlCancels() async {
        let control = DownloadControl()
        let ended = Mutex(false)
        async let running: Void = control.run {
            try? await Task.sleep(for: .seconds(60))
            ended.withLock { $0 = Task.isCancelled }
        }
        try? await Task.sleep(for: .milliseconds(50))
        let start = ContinuousClock.now
        control.cancel()
        await running
        #expect(ended.withLock { $0 })
        // Far under the 60 s sleep, so the cancel ended it; not tighter, because a busy parallel
        // suite on two cores can delay the wake-up by seconds.
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    /// From the store through the self-test's run to its end.
    func selfTestScreen(_ services: ModelServices) async throws -> (Wizard, WizardState) {
        var (wizard, state, _) = try await downloadScreen(services)
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.enter))
        #expect(wizard.view(state, context).text.contains("checks done"))
        // The self-test, and saving the progress.
        try #require(commands.count == 2)
        for command in commands {
            for message in await results(of: command) { (state, _) = wizard.update(state, .message(message)) }
        }
        return (wizard, state)
    }

    @Test("a passed self-test says so with the measured speed beside the prediction; Finish then hands the model to the chat")
    func selfTestPassesThenChat() async throws {
        let handOff = ChatHandOff()
        let best = try #require(try Self.recommendation(for: Self.facts()).best)
        let stored = StoredModel(fileName: best.file.fileName, path: "/store/blobs/sha256-abc", size: best.file.sizeBytes)
        var (wizard, state) = try await selfTestScreen(Self.services(stored: [stored], handOff: handOff))
        let text = wizard.view(state, context).text
        #expect(text.contains("All 2 checks passed"))
        #expect(text.contains("Measured: about 30 words per second while answering (predicted \(Amounts.rate(best.speed.generationWordsPerSecond)))"))
        var elsewhere = Self.services(stored: [stored])
        elsewhere.recommendsForThisComputer = false
        let onProfile = Wizard(version: "test", machineScan: try Profiles.scan(Self.profile), models: elsewhere)
        #expect(onProfile.view(state, context).text.contains("Measured: about 30 words per second while answering."))
        (state, _) = wizard.update(state, .key(.character("d")))
        #expect(wizard.view(state, context).text.contains("Q4_1 product"))
        (state, _) = wizard.update(state, .key(.escape))
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.enter))
        // Saving the progress, and looking in the store for the model's name.
        #expect(commands.count == 2)
        guard case .finish(let finishing, .setUp) = state.current else {
            Issue.record("expected Finish, got \(state.current)")
            return
        }
        #expect(finishing.answers.selfTest?.passed == true)
        #expect(!finishing.lookedUp)
        // Enter waits for the store's answer, so the chat is started by the name Finish shows.
        #expect(wizard.update(state, .key(.enter)).1.isEmpty)
        for command in commands {
            for message in await results(of: command) { (state, _) = wizard.update(state, .message(message)) }
        }
        let finish = wizard.view(state, context).text
        #expect(finish.contains("onramp chat \(best.file.fileName)"), "\(finish)")
        #expect(finish.contains("Its file is /store/blobs/sha256-abc"))
        #expect(!finish.contains("onramp chat /store"))
        #expect(finish.contains("onramp doctor") && finish.contains("onramp report"))
        #expect(finish.contains("Step 6 of 6"))
        (state, commands) = wizard.update(state, .key(.enter))
        #expect(handOff.chosenArguments == nil)
        try #require(commands.count == 1)
        let chosen = await results(of: commands[0])
        #expect(handOff.chosenArguments == [best.file.fileName])
        (state, commands) = wizard.update(state, .message(try #require(chosen.first)))
        guard case .quit(0) = try #require(commands.first) else {
            Issue.record("expected quit(0), got \(commands)")
            return
        }
    }

    /// Finish after a self-test that checked a graphics card: its report, as the screen receives it.
    func finishScreen(card: GraphicsCardReport, handOff: ChatHandOff) async throws -> (Wizard, WizardState) {
        var report = Self.passedReport(model: "/store/blobs/sha256-abc")
        report.graphicsCard = card
        let best = try #require(try Self.recommendation(for: Self.facts()).best)
        let inStore = StoredModel(fileName: best.file.fileName, path: "/store/blobs/sha256-abc", size: best.file.sizeBytes)
        var (wizard, state) = try await selfTestScreen(Self.services(stored: [inStore], selfTest: .success(report), handOff: handOff))
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.enter))
        for command in commands {
            for message in await results(of: command) { (state, _) = wizard.update(state, .message(message)) }
        }
        guard case .finish = state.current else {
            Issue.record("expected Finish, got \(state.current)")
            throw CancellationError()
        }
        return (wizard, state)
    }

    @Test("Finish says the model runs on the graphics card the self-test checked; p switches to the processor, and the chat and its command say --gpu-layers 0")
    func finishChoosesWhereItRuns() async throws {
        let handOff = ChatHandOff()
        var (wizard, state) = try await finishScreen(card: GraphicsCardReport(device: "NVIDIA GeForce RTX 3060"), handOff: handOff)
        let name = try #require(try Self.recommendation(for: Self.facts()).best).file.fileName
        var text = words(wizard.view(state, context).text)
        #expect(text.contains("It runs on the graphics card NVIDIA GeForce RTX 3060, which passed the self-test."), "\(text)")
        #expect(text.contains("p Processor only"), "\(text)")
        #expect(!text.contains("--gpu-layers"))
        (state, _) = wizard.update(state, .key(.character("p")))
        text = words(wizard.view(state, context).text)
        #expect(text.contains("It runs on the processor only, as you chose."), "\(text)")
        #expect(text.contains("onramp chat \(name) --gpu-layers 0"), "\(text)")
        #expect(text.contains("p Use the card"), "\(text)")
        // p again goes back to the card, and again to the processor.
        (state, _) = wizard.update(state, .key(.character("p")))
        #expect(!wizard.view(state, context).text.contains("--gpu-layers"))
        (state, _) = wizard.update(state, .key(.character("p")))
        let commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.enter))
        try #require(commands.count == 1)
        _ = await results(of: commands[0])
        #expect(handOff.chosenArguments == [name, "--gpu-layers", "0"])
    }

    @Test("a file under the home folder is shown from ~ on Finish, so a screenshot does not carry the user's name")
    func finishShowsHomeAsTilde() async throws {
        let best = try #require(try Self.recommendation(for: Self.facts()).best)
        let stored = StoredModel(fileName: best.file.fileName, path: "/home/ada/.local/share/onramp/models/blobs/sha256-abc", size: best.file.sizeBytes)
        var services = Self.services(stored: [stored])
        services.home = "/home/ada"
        var (wizard, state) = try await selfTestScreen(services)
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.enter))
        for command in commands {
            for message in await results(of: command) { (state, _) = wizard.update(state, .message(message)) }
        }
        let text = words(wizard.view(state, context).text)
        #expect(text.contains("Its file is ~/.local/share/onramp/models/blobs/sha256-abc"), "\(text)")
        #expect(!text.contains("/home/ada"))
    }

    @Test("Finish says how much of the model the card holds, and why the model stays on the processor when the card holds none of it")
    func finishNamesTheCardShare() async throws {
        var part = GraphicsCardReport(device: "NVIDIA GeForce RTX 3050")
        part.model = .init(layers: 24, totalLayers: 32, output: false)
        var (wizard, state) = try await finishScreen(card: part, handOff: ChatHandOff())
        var text = words(wizard.view(state, context).text)
        #expect(text.contains("It runs on the graphics card NVIDIA GeForce RTX 3050 (24 of its 32 layers; the processor computes the rest), which passed the self-test."), "\(text)")
        #expect(text.contains("p Processor only"))

        let reason = "NVIDIA GeForce RTX 3050 has 1.2 GB free, too little for one layer of this model."
        var none = GraphicsCardReport(device: "NVIDIA GeForce RTX 3050")
        none.model = .init(layers: 0, totalLayers: 32, output: false, processorReason: reason)
        (wizard, state) = try await finishScreen(card: none, handOff: ChatHandOff())
        text = words(wizard.view(state, context).text)
        #expect(text.contains("It runs on the processor: \(reason)"), "\(text)")
        #expect(!text.contains("Processor only") && !text.contains("Press p"))
        (state, _) = wizard.update(state, .key(.character("p")))
        #expect(!words(wizard.view(state, context).text).contains("--gpu-layers"))
    }

    @Test("without a checked graphics card Finish says why the model runs on the processor, and p changes nothing")
    func finishWithoutCard() async throws {
        let handOff = ChatHandOff()
        let reason = "Vulkan lists only a software renderer (llvmpipe), which would be slower than the processor."
        var (wizard, state) = try await finishScreen(card: GraphicsCardReport(notChecked: reason, advice: nil, requested: false), handOff: handOff)
        let before = wizard.view(state, context).text
        #expect(words(before).contains("It runs on the processor: \(reason)"), "\(before)")
        #expect(!before.contains("Processor only"))
        (state, _) = wizard.update(state, .key(.character("p")))
        #expect(wizard.view(state, context).text == before)
        let commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.enter))
        try #require(commands.count == 1)
        _ = await results(of: commands[0])
        #expect(handOff.chosenArguments == [try #require(try Self.recommendation(for: Self.facts()).best).file.fileName])
    }

    @Test("a model that fails its check is called probably damaged, Enter does not go on, r tests again")
    func selfTestModelFails() async throws {
        let bad = SelfTestCheck(group: .model, name: "perplexity", passed: false, measured: 900, limit: 60, detail: "the model writes nonsense", seconds: 1)
        let best = try #require(try Self.recommendation(for: Self.facts()).best)
        let stored = StoredModel(fileName: best.file.fileName, path: "/store/blobs/sha256-abc", size: best.file.sizeBytes)
        let log = ServiceLog()
        var (wizard, state) = try await selfTestScreen(
            Self.services(stored: [stored], selfTest: .success(Self.passedReport(model: "x.gguf", failing: bad)), log: log))
        let text = wizard.view(state, context).text
        #expect(text.contains("1 of 3 checks failed."))
        #expect(text.contains("probably damaged"))
        let before = state
        (state, _) = wizard.update(state, .key(.enter))
        #expect(state == before)
        var commands: [Command<WizardMessage>]
        (state, commands) = wizard.update(state, .key(.character("r")))
        #expect(commands.count == 1)
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        #expect(log.selfTests.withLock { $0.count } == 2)
    }
}

@Suite("Resuming Set up")
struct ResumeTests {
    let context = ViewContext(size: Size(width: 80, height: 24), glyphs: .unicode)

    func saved(_ step: Step, version: String = "test", passed: Bool = true) throws -> SavedSetup {
        let facts = try ModelStepsTests.facts()
        let best = try #require(try ModelStepsTests.recommendation(for: facts).best)
        let report = ModelStepsTests.passedReport(model: "/store/blobs/sha256-abc")
        return SavedSetup(
            version: version, step: step,
            answers: SetupAnswers(facts: facts, choice: best, modelPath: step == .download ? nil : "/store/blobs/sha256-abc",
                                  selfTest: step == .finish && passed ? report : nil))
    }

    final class SaveLog: Sendable {
        let saved = Mutex<[SavedSetup]>([])
    }

    func wizard(_ saved: SavedSetup?, log: SaveLog = SaveLog()) throws -> Wizard {
        var services = ModelStepsTests.services()
        services.savedSetup = saved
        services.saveSetup = { saved in log.saved.withLock { $0.append(saved) } }
        return Wizard(version: "test", machineScan: try Profiles.scan(ModelStepsTests.profile), models: services)
    }

    @Test("with saved progress the Welcome screen offers to continue, and 4 opens the step it reached with its model")
    func offersToContinue() throws {
        let saved = try saved(.download)
        let wizard = try wizard(saved)
        let welcome = wizard.view(WizardState(), context).text
        #expect(welcome.contains("4. Continue setting up"))
        #expect(welcome.contains("\(saved.answers.choice?.model.name ?? "?"): Download the model"))
        let (state, commands) = wizard.update(WizardState(), .key(.character("4")))
        guard case .download(let download, .setUp) = state.current else {
            Issue.record("expected Download, got \(state.current)")
            return
        }
        #expect(download.answers == saved.answers)
        #expect(commands.count == 1)
    }

    @Test("without saved progress there are three choices and 4 does nothing")
    func nothingSaved() throws {
        let wizard = try wizard(nil)
        #expect(!wizard.view(WizardState(), context).text.contains("Continue setting up"))
        let (state, _) = wizard.update(WizardState(), .key(.character("4")))
        #expect(state.current == .welcome(selected: 0))
    }

    @Test("a passed self-test is not repeated for the same model and version; another version or model tests again")
    func selfTestOncePerVersion() throws {
        #expect(try saved(.finish).resumeStep(version: "test") == .finish)
        var otherModel = try saved(.finish)
        otherModel.answers.modelPath = "/store/blobs/sha256-def"
        #expect(otherModel.resumeStep(version: "test") == .selfTest)
        #expect(try saved(.finish, version: "0.0.1").resumeStep(version: "test") == .selfTest)
        #expect(try saved(.finish, passed: false).resumeStep(version: "test") == .selfTest)
        let (state, _) = try wizard(try saved(.finish)).update(WizardState(), .key(.character("4")))
        guard case .finish = state.current else {
            Issue.record("expected Finish, got \(state.current)")
            return
        }
    }

    @Test("choosing a model saves the progress as reaching the download, with that model")
    func choosingSaves() async throws {
        let log = SaveLog()
        let wizard = try wizard(nil, log: log)
        var (state, commands) = wizard.update(WizardState(), .key(.character("1")))
        for update in await messages(of: commands[0]) { (state, _) = wizard.update(state, .message(update)) }
        (state, _) = wizard.update(state, .key(.enter))
        (state, commands) = wizard.update(state, .key(.character("n")))
        for message in await results(of: commands[0]) { (state, _) = wizard.update(state, .message(message)) }
        (state, commands) = wizard.update(state, .key(.enter))
        for command in commands { _ = await results(of: command) }
        let saved = try #require(log.saved.withLock { $0.first })
        #expect(saved.step == .download)
        #expect(saved.version == "test")
        guard case .download(let download, _) = state.current else {
            Issue.record("expected Download, got \(state.current)")
            return
        }
        #expect(saved.answers == download.answers)
    }

    @Test("the progress file round-trips, and a damaged one reads as nothing saved")
    func progressFile() throws {
        let folder = NSTemporaryDirectory() + "onramp-resume-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = SetupProgressFile.path(environment: ["XDG_CONFIG_HOME": folder])
        #expect(path == folder + "/onramp/setup-progress.json")
        #expect(SetupProgressFile.load(from: path) == nil)
        let saved = try saved(.selfTest)
        try SetupProgressFile.save(saved, to: path)
        #expect(SetupProgressFile.load(from: path) == saved)
        try Data("{\"version\": 3".utf8).write(to: URL(fileURLWithPath: path))
        #expect(SetupProgressFile.load(from: path) == nil)
    }
}

@Suite("Model steps in line mode")
struct ModelStepsLineModeTests {
    @Test("line mode prints a download's progress by tenths and the self-test as one line until its verdict")
    func fewLines() async throws {
        let facts = try ModelStepsTests.facts()
        let best = try #require(try ModelStepsTests.recommendation(for: facts).best)
        let line = ViewContext(size: Size(width: 80, height: 24), glyphs: .ascii, lineMode: true)
        let context = ScreenContext(flow: Flow(canScan: true, hasModels: true), machineScan: nil, models: ModelStepsTests.services(), version: "test", size: line.size, opening: 1)
        var download = DownloadState(answers: SetupAnswers(facts: facts, choice: best))
        var pages: Set<String> = []
        let steps = Array(stride(from: Int64(0), through: best.file.sizeBytes, by: Int(best.file.sizeBytes / 100))) + [best.file.sizeBytes]
        for done in steps {
            download.phase = .downloading(DownloadProgress(fileName: best.file.fileName, bytesDone: done, totalBytes: best.file.sizeBytes, bytesPerSecond: Double(done + 1), retrying: nil))
            pages.insert(DownloadScreen(state: download, journey: .setUp).view(line, context).text)
        }
        #expect(pages.count == 11)
        #expect(pages.contains { $0.contains("Downloaded 50% of \(NumberText.bytes(best.file.sizeBytes)).") })

        var test = SelfTestProgress(answers: SetupAnswers(facts: facts, choice: best, modelPath: "/m.gguf"))
        var testPages: Set<String> = []
        for check in ModelStepsTests.passedReport(model: "/m.gguf").checks {
            test.checks.append(check)
            testPages.insert(SelfTestScreen(progress: test, journey: .setUp).view(line, context).text)
        }
        #expect(testPages.count == 1)
    }
}

@Suite("--yes: accept every step's offer")
struct AcceptEverythingTests {
    /// Runs the wizard with `--yes` from its first event, performing every command and feeding
    /// back every message, until it quits; returns the exit status and the last screen.
    func run(_ services: ModelServices) async throws -> (Int32?, Screen) {
        var wizard = Wizard(version: "test", machineScan: try Profiles.scan(ModelStepsTests.profile), models: services)
        wizard.acceptsEverything = true
        var (state, pending) = wizard.update(WizardState(), .resized(Size(width: 80, height: 24)))
        var rounds = 0
        while !pending.isEmpty, rounds < 100 {
            rounds += 1
            let command = pending.removeFirst()
            if case .quit(let status) = command { return (status, state.current) }
            for message in await results(of: command) {
                let (next, more) = wizard.update(state, .message(message))
                state = next
                pending += more
            }
        }
        return (nil, state.current)
    }

    @Test("the best model is chosen, stored, tested, and the chat is handed the file; status 0")
    func wholeWay() async throws {
        let handOff = ChatHandOff()
        let (status, screen) = try await run(ModelStepsTests.services(download: .success("/store/blobs/sha256-best"), handOff: handOff))
        #expect(status == 0)
        guard case .finish(let finishing, .setUp) = screen else {
            Issue.record("expected Finish, got \(screen)")
            return
        }
        #expect(finishing.answers.choice == (try ModelStepsTests.recommendation(for: ModelStepsTests.facts()).best))
        // Not in the store (the test store is empty), so the chat is given the file's path.
        #expect(finishing.storeName == nil)
        #expect(handOff.chosenArguments == ["/store/blobs/sha256-best"])
    }

    @Test("a download that fails ends the run with status 1 on the Download step")
    func failedDownload() async throws {
        let (status, screen) = try await run(ModelStepsTests.services(download: .failure(.failed("the network is unreachable"))))
        #expect(status == 1)
        guard case .download(let download, _) = screen else {
            Issue.record("expected Download, got \(screen)")
            return
        }
        #expect(download.phase == .failed("the network is unreachable"))
    }
}
