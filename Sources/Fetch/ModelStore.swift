// Onramp's own model folder: `blobs/sha256-HEX` (the files, named by content), `manifests/NAME.json`
// (what each name points to) and `downloads/` (partials, their notes and locks).

import Crypto
import Foundation

public struct ModelStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    var blobsFolder: String { root + "/blobs" }
    var manifestsFolder: String { root + "/manifests" }
    var downloadsFolder: String { root + "/downloads" }

    func prepare() throws(FetchError) {
        for folder in [blobsFolder, manifestsFolder, downloadsFolder] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw FetchError(.store, "Could not create the model folder \(folder) (\(error.localizedDescription)). Check its permissions, or set ONRAMP_HOME to a folder you can write.")
            }
        }
    }

    /// The blob for a digest; the digest is checked so a crafted manifest cannot name another path.
    public func blobPath(sha256: String) throws(FetchError) -> String {
        guard HexDigest.isSHA256(sha256) else {
            throw FetchError(.store, "A manifest in \(manifestsFolder) names '\(sha256)' as its file's sha256, which is not one. Remove that manifest with `onramp rm`.")
        }
        return blobsFolder + "/sha256-" + sha256
    }

    public func partialPath(for fileName: String) -> String {
        let stem = String(ModelManifest.fileName(for: fileName).dropLast(".json".count))
        return downloadsFolder + "/" + stem + ".partial"
    }

    /// Every readable manifest, by name; unreadable ones are reported, not fatal.
    public func manifests() -> (models: [ModelManifest], problems: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: manifestsFolder) else { return ([], []) }
        var models: [ModelManifest] = []
        var problems: [String] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = manifestsFolder + "/" + name
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                models.append(try Self.decoder.decode(ModelManifest.self, from: data))
            } catch {
                problems.append("\(path) could not be read (\(error.localizedDescription)); remove it or pull the model again.")
            }
        }
        return (models.sorted { $0.name < $1.name }, problems)
    }

    public func manifest(named name: String) -> ModelManifest? {
        manifests().models.first { $0.name == name }
    }

    func save(_ manifest: ModelManifest) throws(FetchError) {
        let path = manifestsFolder + "/" + ModelManifest.fileName(for: manifest.name)
        do {
            let data = try Self.encoder.encode(manifest)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FetchError(.store, "Could not write \(path) (\(error.localizedDescription)). The model file itself is safe in \(blobsFolder); free some space and pull again to record it.")
        }
    }

    /// Removes a name, and its file unless another name still points to it. Returns the bytes freed.
    @discardableResult
    public func remove(name: String) throws(FetchError) -> Int64 {
        guard let manifest = manifest(named: name) else {
            let known = manifests().models.map(\.name)
            let hint = known.isEmpty ? "The store is empty." : "Models in the store: \(known.joined(separator: ", "))."
            throw FetchError(.notFound, "No model named '\(name)' in \(root). \(hint)")
        }
        try? FileManager.default.removeItem(atPath: manifestsFolder + "/" + ModelManifest.fileName(for: name))
        let stillUsed = manifests().models.contains { $0.sha256 == manifest.sha256 }
        guard !stillUsed else { return 0 }
        let blob = try blobPath(sha256: manifest.sha256)
        try? FileManager.default.removeItem(atPath: blob)
        return manifest.size
    }

    public enum Verdict: Equatable, Sendable {
        case intact
        case missing
        case damaged(actualSHA256: String, actualSize: Int64)
    }

    /// Re-reads the file and compares its sha256 with the manifest.
    public func verify(_ manifest: ModelManifest) throws(FetchError) -> Verdict {
        let path = try blobPath(sha256: manifest.sha256)
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        let file = try PartialFile(path: path, readOnly: true)
        var hasher = SHA256()
        try file.readAll { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return digest == manifest.sha256 && file.length == manifest.size ? .intact : .damaged(actualSHA256: digest, actualSize: file.length)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
