// The work behind the model steps (recommend, download, self-test, chat), given to the wizard by
// `onramp` so the same functions serve the commands and the screens, and tests can give their own.
// Every call into the catalog, the download store and the self-test goes through here.
import Catalog
import Fetch
import Probe
import SelfTest

/// A file already in Onramp's store, by the name it was downloaded under.
public struct StoredModel: Equatable, Sendable {
    public var fileName: String
    public var path: String
    public var size: Int64

    public init(fileName: String, path: String, size: Int64) {
        self.fileName = fileName
        self.path = path
        self.size = size
    }
}

/// A problem in plain words, as the screens show it.
public struct ServiceProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

public struct ModelServices: Sendable {
    /// The ranked recommendation for these facts, made exactly as `onramp recommend` makes it.
    public var recommend: @Sendable (MachineFacts) async -> Result<Recommendation, ServiceProblem>
    /// The store's models, so a file already downloaded is used instead of fetched again.
    public var stored: @Sendable () -> [StoredModel]
    /// Downloads one catalog file into the store (resuming a partial); reports progress as it goes;
    /// stops, keeping the partial, when its task is cancelled. Returns the file's path.
    public var download: @Sendable (ModelFile, _ progress: @escaping @Sendable (DownloadProgress) -> Void) async -> Result<String, DownloadFailure>
    /// GGUF models other programs downloaded (Ollama, LM Studio, the Hugging Face cache, …) that
    /// can be used, offered on the Download screen when a download fails or is stopped.
    public var found: @Sendable () async -> [FoundModel] = { [] }
    /// Puts a found model into Onramp's store without copying it, as `onramp import` does (its
    /// GGUF and sha256 checked first); returns the path of the file in the store.
    public var importFound: @Sendable (FoundModel) async -> Result<String, ServiceProblem> = { model in
        .failure(ServiceProblem("\(model.name) cannot be imported here; run onramp import \(model.path) instead."))
    }
    /// Runs the self-test on a model file, reporting each check as it finishes.
    public var selfTest: @Sendable (_ path: String, _ progress: @escaping @Sendable (SelfTestCheck) -> Void) -> Result<SelfTestReport, ServiceProblem>
    /// Where the chosen model goes when the wizard ends with "Start chatting now".
    public let handOff: ChatHandOff
    /// False when the recommendation is for another machine (a replayed profile): its predicted
    /// speed is then not set beside the speed measured here.
    public var recommendsForThisComputer = true
    /// The home folder, so paths under it are shown from "~" (HomePath); nil shows them whole.
    public var home: String?
    /// Set up's progress from an earlier run, offered on the Welcome screen; nil when there is none.
    public var savedSetup: SavedSetup?
    /// Keeps Set up's progress for the next run (`SetupProgressFile`); a failure to save is not
    /// worth stopping the set-up for, so it returns nothing.
    public var saveSetup: @Sendable (SavedSetup) -> Void

    public init(
        recommend: @escaping @Sendable (MachineFacts) async -> Result<Recommendation, ServiceProblem>,
        stored: @escaping @Sendable () -> [StoredModel],
        download: @escaping @Sendable (ModelFile, _ progress: @escaping @Sendable (DownloadProgress) -> Void) async -> Result<String, DownloadFailure>,
        selfTest: @escaping @Sendable (_ path: String, _ progress: @escaping @Sendable (SelfTestCheck) -> Void) -> Result<SelfTestReport, ServiceProblem>,
        handOff: ChatHandOff = ChatHandOff(),
        savedSetup: SavedSetup? = nil,
        saveSetup: @escaping @Sendable (SavedSetup) -> Void = { _ in }
    ) {
        self.savedSetup = savedSetup
        self.saveSetup = saveSetup
        self.recommend = recommend
        self.stored = stored
        self.download = download
        self.selfTest = selfTest
        self.handOff = handOff
    }
}

/// Why a download stopped, for the Download screen's failure page.
public enum DownloadFailure: Error, Equatable, Sendable {
    /// The user cancelled; what was downloaded is kept for a later resume.
    case cancelled
    /// A failure with its explanation and next step in plain words (Fetch's messages say both).
    case failed(String)
}
