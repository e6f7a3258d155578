// Puts a model file that is already on disk into Onramp's store without copying it: the file is
// checked (GGUF, then its sha256 against what its program recorded), then hard-linked into
// `blobs/sha256-HEX` (same file system: no extra space, and it survives the other program
// deleting its copy), or else referenced by a symbolic link (another file system).

import Crypto
import Engine
import Foundation

public struct ModelImport: Sendable {
    public let store: ModelStore

    public init(store: ModelStore) {
        self.store = store
    }

    public enum Placement: String, Sendable {
        /// A second name for the same bytes (same file system).
        case hardLink = "hard link"
        /// A symbolic link to the file, which stays where it is (another file system).
        case reference = "reference"
        /// The store already had these bytes.
        case alreadyStored = "already stored"
    }

    /// Imports `path` as `name`. `expectedSHA256` is what the file's program recorded (Ollama's
    /// digest, a Hugging Face blob name); a file that does not match it is refused.
    public func importFile(
        path: String, name: String, source: String, expectedSHA256: String?
    ) throws(FetchError) -> (manifest: ModelManifest, placement: Placement) {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: real)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw FetchError(.notFound, "\(path) is not a file Onramp can read. Give the path of a .gguf file, or a name that `onramp list` shows.")
        }
        let architecture: String?
        do {
            architecture = try GGUFFile(path: real).metadata.stringIfPresent("general.architecture")
        } catch {
            throw FetchError(.notGGUF, "\(error.description) Nothing was imported.")
        }
        let (sha256, size) = try Self.hash(real)
        if let expectedSHA256, expectedSHA256 != sha256 {
            throw FetchError(
                .checksumMismatch,
                """
                \(path) does not match the sha256 its program recorded for it (expected \(expectedSHA256), \
                found \(sha256)): the file is damaged or was changed. Nothing was imported; download it again.
                """)
        }
        if let existing = store.manifest(named: name), existing.sha256 != sha256 {
            throw FetchError(.store, "The store already has a different model named '\(name)'. Remove it first with: onramp rm \(name)")
        }
        try store.prepare()
        let blob = try store.blobPath(sha256: sha256)
        let placement = try place(real, at: blob)
        let manifest = ModelManifest(
            name: name, source: source, url: URL(fileURLWithPath: real).absoluteString, revision: nil, size: size,
            sha256: sha256, architecture: architecture,
            // Whole seconds: the manifest stores ISO 8601 dates, which carry no fractions.
            downloaded: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        try store.save(manifest)
        return (manifest, placement)
    }

    private func place(_ file: String, at blob: String) throws(FetchError) -> Placement {
        if FileManager.default.fileExists(atPath: blob) { return .alreadyStored }
        // Linked under a temporary name first, then renamed: the blob name appears only complete.
        let temporary = blob + ".import-\(getpid())"
        unlink(temporary)
        if link(file, temporary) == 0 {
            guard rename(temporary, blob) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw FetchError(.store, "Could not add the file to \(store.root) (\(reason)). Nothing was imported.")
            }
            return .hardLink
        }
        // Another file system (EXDEV), or one that refuses hard links: point to the file instead.
        guard symlink(file, temporary) == 0, rename(temporary, blob) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FetchError(.store, "Could not link \(file) into \(store.root) (\(reason)). Check that you can write there.")
        }
        return .reference
    }

    /// sha256 and length of a whole file, read in 4 MiB pieces.
    static func hash(_ path: String) throws(FetchError) -> (sha256: String, size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FetchError(.store, "Could not open \(path) (\(String(cString: strerror(errno)))). Check that you can read it.")
        }
        defer { close(descriptor) }
        let size = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var total: Int64 = 0
        while true {
            let count = read(descriptor, buffer, size)
            if count < 0 {
                if errno == EINTR { continue }
                throw FetchError(.store, "Could not read \(path) (\(String(cString: strerror(errno)))). Nothing was imported.")
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: count))
            total += Int64(count)
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), total)
    }
}
