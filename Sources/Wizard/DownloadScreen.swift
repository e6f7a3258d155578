// The Download step: the chosen model comes from Onramp's store when it is already there, else it
// is downloaded with a progress bar, speed and time left. Stopping keeps what has arrived, so a
// retry (or `onramp pull`) continues from there; a failure says what happened and what to do, and
// offers a model another program already downloaded instead (`DownloadFileChoice`).
import Catalog
import Fetch
import PlainText
import TUI

public struct DownloadState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// Looking in the store for the file.
        case checkingStore
        /// The store already has it: Enter uses it.
        case inStore(StoredModel)
        /// Bytes arriving; nil before the first report.
        case downloading(DownloadProgress?)
        /// Asked to stop; waiting for the download to end.
        case stopping
        /// Stopped by the user; the partial file stays for a resume.
        case stopped(bytesKept: Int64?)
        case failed(String)
        /// Verified and in the store.
        case done(path: String)
        /// After `u` on a failure or a stop: looking for models other programs downloaded.
        case lookingForFiles
        /// Those models, to choose one (`selected` is the highlighted line).
        case choosingFile([FoundModel], selected: Int)
        /// Checking the chosen file (GGUF, sha256) and linking it into the store.
        case importing(FoundModel)
        /// The chosen file is in the store: Enter uses it.
        case imported(FoundModel, path: String)
    }

    public var answers: SetupAnswers
    public var phase: Phase = .checkingStore
    /// The running download's handle; a new one for each attempt, so reports from an earlier
    /// attempt (or an opening the user left) are told apart.
    public var control = DownloadControl()
    public var run: Int
    /// Bytes reported so far, said when the download is stopped.
    public var arrived: Int64?
    /// The failure or stop page that `u` left, which Esc goes back to from the list of files.
    public var pageBeforeFiles: Phase?

    public init(answers: SetupAnswers, run: Int = 0) {
        self.answers = answers
        self.run = run
    }

    var file: ModelFile? { answers.choice?.file }
    var modelName: String { answers.choice?.model.name ?? "the model" }
}

struct DownloadScreen: ScreenProgram {
    var state: DownloadState
    var journey: Journey

    var screen: Screen { .download(state, in: journey) }
    var autoAnswer: AutoAnswer? {
        switch state.phase {
        case .inStore, .done, .imported: .key(.enter)
        case .failed, .stopped, .choosingFile: .fail
        case .checkingStore, .downloading, .stopping, .lookingForFiles, .importing: nil
        }
    }
    var title: (text: String, detail: String?) { Self.stepTitle(.download, journey) }

    func opened(_ context: ScreenContext) -> (Screen, [Command<WizardMessage>]) {
        var fresh = DownloadState(answers: state.answers, run: context.opening)
        guard let services = context.models, fresh.file != nil else {
            fresh.phase = .failed("No model was chosen. Go back (Esc) and choose one.")
            return (.download(fresh, in: journey), [])
        }
        let run = context.opening
        return (.download(fresh, in: journey), [.perform { .storeChecked(services.stored(), run: run) }])
    }

    /// Downloads `file` under `control`: progress and the end come back tagged with it.
    static func command(_ file: ModelFile, services: ModelServices, control: DownloadControl) -> Command<WizardMessage> {
        .stream { send in
            await control.run {
                let result = await services.download(file) { send(.downloadProgress($0, control)) }
                send(.downloadEnded(result, control))
            }
        }
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var state = state
        switch input {
        case .message(.storeChecked(let models, let run)) where run == state.run && state.phase == .checkingStore:
            if let file = state.file, let stored = models.first(where: { $0.fileName == file.fileName }) {
                state.phase = .inStore(stored)
                return (.stay(.download(state, in: journey)), [])
            }
            return start(state, context)
        case .message(.downloadProgress(let progress, let control)) where control == state.control:
            state.arrived = progress.bytesDone
            if case .downloading = state.phase { state.phase = .downloading(progress) }
            return (.stay(.download(state, in: journey)), [])
        case .message(.downloadEnded(let result, let control)) where control == state.control:
            switch result {
            case .success(let path): state.phase = .done(path: path)
            case .failure(.cancelled): state.phase = .stopped(bytesKept: state.arrived)
            case .failure(.failed(let message)): state.phase = .failed(message)
            }
            return (.stay(.download(state, in: journey)), [])
        case .message(.filesFound(let found, let run)) where run == state.run && state.phase == .lookingForFiles:
            state.phase = .choosingFile(Self.ordered(found, for: state.file), selected: 0)
            return (.stay(.download(state, in: journey)), [])
        case .message(.fileImported(let result, let run)) where run == state.run:
            guard case .importing(let model) = state.phase else { return (.stay(screen), []) }
            switch result {
            case .success(let path): state.phase = .imported(model, path: path)
            case .failure(let problem): state.phase = .failed("\(model.name) from \(model.tool.displayName) cannot be used: \(problem.message)")
            }
            return (.stay(.download(state, in: journey)), [])
        case .message:
            return (.stay(screen), [])
        case .key(let key):
            return pressed(key, state, context)
        }
    }

    private func pressed(_ key: Key, _ state: DownloadState, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var state = state
        switch (state.phase, key) {
        case (.downloading, .character("c")), (.downloading, .character("s")):
            state.phase = .stopping
            return (.stay(.download(state, in: journey)), [Self.stop(state.control)])
        case (.downloading, .escape), (.stopping, .escape):
            // Going back stops the download too (what arrived is kept), so nothing runs unseen.
            return (.back, [Self.stop(state.control)])
        case (.stopped, .character("r")), (.failed, .character("r")):
            state.control = DownloadControl()
            return start(state, context)
        case (.stopped, .character("u")), (.failed, .character("u")):
            return lookForFiles(state, context)
        case (.lookingForFiles, _), (.choosingFile, _), (.importing, _):
            return chooseFile(key, state, context)
        case (.imported(_, let path), .enter):
            return next(state, path: path, context)
        case (.inStore(let stored), .enter):
            return next(state, path: stored.path, context)
        case (.done(let path), .enter):
            return next(state, path: path, context)
        case (_, .escape):
            return (.back, [])
        default:
            return (.stay(.download(state, in: journey)), [])
        }
    }

    private func start(_ state: DownloadState, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var state = state
        guard let services = context.models, let file = state.file else { return (.stay(.download(state, in: journey)), []) }
        state.phase = .downloading(nil)
        return (.stay(.download(state, in: journey)), [Self.command(file, services: services, control: state.control)])
    }

    private static func stop(_ control: DownloadControl) -> Command<WizardMessage> {
        .perform {
            control.cancel()
            return .downloadStopAsked
        }
    }

    func next(_ state: DownloadState, path: String, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var answers = state.answers
        answers.modelPath = path
        answers.selfTest = nil
        return (.open(context.flow.screen(after: .download, in: journey, answers: answers)), Self.save(.selfTest, answers, context))
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
        var (frame, body) = chrome.frame(context)
        var y = body.y
        func say(_ text: String, style: Style = .plain) {
            guard y < body.maxY else { return }
            y += Paragraph(text, style: style).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)) + 1
        }
        let file = state.file
        let size = file.map { NumberText.bytes($0.sizeBytes) } ?? "?"
        switch state.phase {
        case .checkingStore:
            say("Looking for \(state.modelName) among the models already downloaded" + context.glyphs.ellipsis)
        case .inStore(let stored):
            say("\(state.modelName) is already downloaded (\(NumberText.bytes(stored.size))), so there is nothing to fetch.")
            say("File: \(HomePath.shown(stored.path, home: services.models?.home))", style: .dim)
            say("Press Enter to use it and go on to the self-test.", style: .bold)
        case .downloading(let progress):
            say("Downloading \(state.modelName) (\(file?.fileName ?? "?"), \(size)) from \(file?.repository ?? "?"). The file is checked (sha256) before it is used.")
            // Line mode prints every changed page, so it gets a line per tenth of the file instead
            // of a bar redrawn ten times a second.
            if let progress, context.lineMode {
                if let total = progress.totalBytes ?? file?.sizeBytes, total > 0 {
                    say("Downloaded \(progress.bytesDone * 10 / total * 10)% of \(NumberText.bytes(total)).")
                }
            } else if let progress {
                ProgressBar(done: progress.bytesDone, total: progress.totalBytes ?? file?.sizeBytes, bytesPerSecond: progress.bytesPerSecond > 0 ? progress.bytesPerSecond : nil)
                    .draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: 2), glyphs: context.glyphs)
                y += 3
                if let retrying = progress.retrying { say("Connection trouble: \(retrying).") }
            } else {
                say("Connecting" + context.glyphs.ellipsis)
            }
            say("Stopping keeps what has arrived; the download continues from there next time.", style: .dim)
        case .stopping:
            say("Stopping the download" + context.glyphs.ellipsis)
        case .stopped(let kept):
            let keptText = kept.map { "The \(NumberText.bytes($0)) downloaded so far are kept" } ?? "What was downloaded is kept"
            say("Download stopped. \(keptText), so it continues from there.")
            say("Press r to continue the download, u to use a model file already on this computer, or Esc to choose another model.", style: .bold)
        case .failed(let message):
            say("The download did not finish.", style: .bold)
            say(message)
            say("Press r to try again, u to use a model file already on this computer, or Esc to choose another model.", style: .bold)
        case .lookingForFiles, .choosingFile, .importing, .imported:
            drawFileChoice(into: &frame, from: y, in: body, context, home: services.models?.home)
        case .done(let path):
            say("\(state.modelName) is downloaded and verified (\(size)).")
            say("File: \(HomePath.shown(path, home: services.models?.home))", style: .dim)
            say("Press Enter to go on to the self-test.", style: .bold)
        }
        return frame
    }

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        switch state.phase {
        case .checkingStore, .stopping:
            ScreenKeys([.init("Esc", "Back")], typed: "Type b to go back, q to quit.")
        case .downloading:
            ScreenKeys([.init("c", "Stop"), .init("Esc", "Stop and go back")], typed: "Type c to stop (what arrived is kept), q to quit.")
        case .stopped, .failed:
            ScreenKeys(
                [.init("r", "Try again"), .init("u", "Use a file on disk"), .init("Esc", "Choose another")],
                typed: "Type r to retry, u to use a file on disk, b for another model, q to quit.")
        case .lookingForFiles, .choosingFile, .importing:
            fileChoiceKeys(glyphs: glyphs)
        case .inStore, .done, .imported:
            ScreenKeys([.init("Enter", "Continue"), .init("Esc", "Back")], typed: "Press Enter to continue, b to go back, q to quit.")
        }
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.download.title)".

        \(Step.download.purpose) A model already in Onramp's store is used as it is. A download shows how much has arrived, the speed and the time left; it is checked against the file's sha256 before it is used, and a broken connection is resumed by itself.

        c stops the download and keeps what has arrived; r continues it later (so does onramp pull). Esc goes back to choose another model.

        After a failure or a stop, u lists the models other programs already downloaded (Ollama, LM Studio, the Hugging Face cache, GPT4All, ~/Downloads): the one chosen is checked and linked into Onramp's store without a copy, as onramp import does.
        """
    }
}
