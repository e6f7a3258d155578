// The wizard's one place that calls Fetch: the models already in Onramp's store, and downloading a
// catalog file into it with the same code as `onramp pull` (resume, sha256, GGUF check).
import Catalog
import Fetch
import Foundation

public enum LiveModelStore {
    /// The store's models with the path of each file; a damaged manifest is skipped (`onramp list`
    /// names it).
    public static func stored(settings: FetchSettings) -> [StoredModel] {
        let store = ModelStore(root: settings.storeRoot)
        return store.manifests().models.compactMap { manifest in
            guard let path = try? store.blobPath(sha256: manifest.sha256), FileManager.default.fileExists(atPath: path) else { return nil }
            return StoredModel(fileName: manifest.name, path: path, size: manifest.size)
        }
    }

    /// Usable GGUF models other programs downloaded, as `onramp list` finds them.
    public static func found(discovery: ModelDiscovery = .forThisUser()) -> [FoundModel] {
        discovery.scan().filter { $0.problem == nil }
    }

    /// Imports a found model as `onramp import NAME` does (checked, then linked: no copy); returns
    /// the path of its file in the store.
    public static func importFound(_ model: FoundModel, settings: FetchSettings) -> Result<String, ServiceProblem> {
        let store = ModelStore(root: settings.storeRoot)
        do {
            let (manifest, _) = try ModelImport(store: store).importFile(
                path: model.path, name: model.name, source: "\(model.tool.rawValue):\(model.name)", expectedSHA256: model.expectedSHA256)
            return .success(try store.blobPath(sha256: manifest.sha256))
        } catch {
            return .failure(ServiceProblem(error.message))
        }
    }

    /// Pulls the catalog file from Hugging Face (or `HF_ENDPOINT`) at its pinned revision.
    /// Progress is passed on at most ten times a second, so the screen is not flooded.
    public static func download(
        _ file: ModelFile, settings: FetchSettings, progress: @escaping @Sendable (DownloadProgress) -> Void
    ) async -> Result<String, DownloadFailure> {
        do {
            let source = try ModelSource.parse("hf://\(file.repository)/\(file.fileName)@\(file.revision ?? "main")")
            let throttle = ProgressThrottle(interval: 0.1)
            let outcome = try await ModelPull(settings: settings).pull(source) { update in
                if throttle.shouldPass(update) { progress(update) }
            }
            return .success(try ModelStore(root: settings.storeRoot).blobPath(sha256: outcome.manifest.sha256))
        } catch is CancellationError {
            return .failure(.cancelled)
        } catch let error as FetchError {
            if Task.isCancelled { return .failure(.cancelled) }
            return .failure(.failed(error.message))
        } catch {
            if Task.isCancelled { return .failure(.cancelled) }
            // Fetch words its own failures; anything else is the network library's, in its words.
            return .failure(.failed(
                "Could not reach \(settings.endpoint.host ?? "the download server") (\(error)). Check the internet connection (and HF_ENDPOINT if it is set), then try again."))
        }
    }
}

/// Lets through a progress update when enough time has passed since the last one, or when it
/// carries news (a retry, the last byte).
final class ProgressThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private let interval: TimeInterval
    private var last = Date.distantPast

    init(interval: TimeInterval) {
        self.interval = interval
    }

    func shouldPass(_ update: DownloadProgress) -> Bool {
        lock.withLock {
            let now = Date()
            let finished = update.totalBytes.map { update.bytesDone >= $0 } ?? false
            guard update.retrying != nil || finished || now.timeIntervalSince(last) >= interval else { return false }
            last = now
            return true
        }
    }
}
