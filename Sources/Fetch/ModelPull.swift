// `onramp pull`: resolve the source, take the file's lock, download (resuming any partial), check
// the sha256 and that the bytes are a GGUF model, then move the file into the store atomically and
// record its manifest.

import Engine
import Foundation

public struct ModelPull: Sendable {
    public let settings: FetchSettings

    public init(settings: FetchSettings) {
        self.settings = settings
    }

    public enum Outcome: Equatable, Sendable {
        case downloaded(ModelManifest)
        case alreadyPresent(ModelManifest)

        public var manifest: ModelManifest {
            switch self {
            case .downloaded(let manifest), .alreadyPresent(let manifest): return manifest
            }
        }
    }

    /// `waitForLock`: when another process is pulling the same file, wait for it instead of failing.
    public func pull(
        _ source: ModelSource, waitForLock: Bool = false, progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
    ) async throws -> Outcome {
        let store = ModelStore(root: settings.storeRoot)
        try store.prepare()
        let transport = HTTPTransport(settings: settings)
        do {
            let outcome = try await pull(source, store: store, transport: transport, waitForLock: waitForLock, progress: progress)
            await transport.shutdown()
            return outcome
        } catch let error as FetchError {
            await transport.shutdown()
            throw error
        } catch is CancellationError {
            await transport.shutdown()
            throw CancellationError()
        } catch {
            await transport.shutdown()
            // The network library's own error (resolving, or a lasting failure): worded for people.
            throw NetworkFailure.fetchError(error, url: address(of: source))
        }
    }

    private func address(of source: ModelSource) -> URL {
        switch source {
        case .url(let url): return url
        case .huggingFace(let file): return file.resolveURL(endpoint: settings.endpoint)
        }
    }

    private func pull(
        _ source: ModelSource, store: ModelStore, transport: HTTPTransport, waitForLock: Bool,
        progress: @escaping @Sendable (DownloadProgress) -> Void
    ) async throws -> Outcome {
        let remote = try await HubResolver.resolve(source, transport: transport, settings: settings)
        if let present = try alreadyPresent(remote, store: store) { return .alreadyPresent(present) }

        let partialPath = store.partialPath(for: remote.fileName)
        let lock = try await FileLock(path: String(partialPath.dropLast(".partial".count)) + ".lock", what: remote.fileName, wait: waitForLock)
        // The other process may have finished it while we waited.
        if let present = try alreadyPresent(remote, store: store) { return .alreadyPresent(present) }

        let partial = try PartialFile(path: partialPath)
        try matchPartial(partial, to: remote)
        let result: ResumableDownload.Result
        do {
            result = try await ResumableDownload(remote: remote, partial: partial, transport: transport, settings: settings, progress: progress).run()
        } catch {
            // Only a partial with bytes in it is worth keeping for a resume; after a disk failure
            // the files are left as they are, for the person freeing space to see.
            let diskProblem = (error as? FetchError).map { $0.kind == .diskFull || $0.kind == .store } ?? false
            if partial.length == 0, !diskProblem { discard(partial) }
            throw error
        }

        if let expected = remote.expectedSHA256, result.sha256 != expected {
            discard(partial)
            throw FetchError(.checksumMismatch, "The downloaded \(remote.fileName) is damaged: its sha256 is \(result.sha256) but the server said \(expected). The download was deleted; run the same pull again to fetch it afresh (if it happens again, the mirror or a proxy may be altering files).")
        }
        let architecture: String?
        do {
            let model = try GGUFFile(path: partial.path)
            architecture = try? model.metadata.stringIfPresent("general.architecture")
        } catch {
            discard(partial)
            throw FetchError(.notGGUF, "\(remote.fileName) was downloaded from \(remote.downloadURL.host ?? "the server") but it is not a usable GGUF model: \(error) It was deleted. Check that the address points to a .gguf file.")
        }
        try partial.sync()
        let blob = try store.blobPath(sha256: result.sha256)
        guard rename(partial.path, blob) == 0 else {
            throw FetchError(.store, "Could not move the finished download into \(blob) (\(String(cString: strerror(errno)))). The verified file is kept at \(partial.path).")
        }
        syncFolder(store.blobsFolder)
        try? FileManager.default.removeItem(atPath: Self.notePath(partial))
        let manifest = ModelManifest(
            name: remote.fileName, source: remote.source.description, url: remote.downloadURL.absoluteString,
            revision: remote.revision, size: result.size, sha256: result.sha256, architecture: architecture,
            // Whole seconds: the manifest stores ISO 8601 dates, which carry no fractions.
            downloaded: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        try store.save(manifest)
        withExtendedLifetime(lock) {}
        return .downloaded(manifest)
    }

    private func alreadyPresent(_ remote: RemoteFile, store: ModelStore) throws -> ModelManifest? {
        guard let manifest = store.manifest(named: remote.fileName), manifest.source == remote.source.description,
            FileManager.default.fileExists(atPath: try store.blobPath(sha256: manifest.sha256))
        else { return nil }
        if let expected = remote.expectedSHA256, expected != manifest.sha256 { return nil }
        return manifest
    }

    /// A partial is resumed only for the same file: the note beside it records what it was for.
    private func matchPartial(_ partial: PartialFile, to remote: RemoteFile) throws {
        let note = PartialNote(url: remote.downloadURL.absoluteString, sha256: remote.expectedSHA256, size: remote.expectedSize)
        let notePath = Self.notePath(partial)
        if let data = FileManager.default.contents(atPath: notePath), let old = try? JSONDecoder().decode(PartialNote.self, from: data),
            old == note
        {
            return
        }
        try partial.truncate()
        try JSONEncoder().encode(note).write(to: URL(fileURLWithPath: notePath), options: .atomic)
    }

    private func discard(_ partial: PartialFile) {
        try? FileManager.default.removeItem(atPath: partial.path)
        try? FileManager.default.removeItem(atPath: Self.notePath(partial))
    }

    private static func notePath(_ partial: PartialFile) -> String { partial.path + ".json" }

    private func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

/// What a partial download belongs to; written beside it as `NAME.partial.json`.
struct PartialNote: Codable, Equatable {
    let url: String
    let sha256: String?
    let size: Int64?
}
