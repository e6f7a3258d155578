// The model that run, chat and bench take first: a .gguf file's path, or a model's name in Onramp's
// store (as `onramp list` and the wizard's Finish screen show it). What can be told before reading
// the file is checked here; the file itself is checked when it is opened, with its full path in
// any error.
import ArgumentParser
import Fetch
import Foundation

struct ModelFileArgument: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "The model file (.gguf), or a model's name in Onramp's store (as onramp list shows it).", valueName: "model"))
    var given: String

    func validate() throws {
        if given.isEmpty { throw ValidationError("The model path is empty; give the path of a .gguf file, or a name onramp list shows.") }
        // A bare name that is neither a file here nor a model in the store: say both, and where the
        // store's names are, rather than the file reader's "no file at that path". (A name longer
        // than a file name can be is left to the file reader, which says the path is too long.)
        if !given.contains("/"), given.utf8.count <= 255, path == given, !FileManager.default.fileExists(atPath: given) {
            throw ValidationError("There is no file called '\(given)' here, and Onramp's store has no model of that name. "
                + "`onramp list` shows the names of the models in the store; or give the path of a .gguf file.")
        }
    }

    /// The file to open: what was given when it is a path or a file here, else the store's file
    /// of that name (left as given when there is none, so the error names what was typed).
    var path: String { StoredModelName.file(for: given) }

    /// What to call the model in greetings and summaries: the name it was given by, or, for a
    /// file in the store (named by its content), the store's name for it; else the file's name.
    var name: String { StoredModelName.name(for: given, opening: path) }
}

/// Between a model's name in Onramp's store and its file (`blobs/sha256-HEX`).
enum StoredModelName {
    static func file(for given: String) -> String {
        guard !given.contains("/"), !FileManager.default.fileExists(atPath: given),
              let settings = try? FetchSettings.fromEnvironment() else { return given }
        let store = ModelStore(root: settings.storeRoot)
        guard let manifest = store.manifest(named: given), let blob = try? store.blobPath(sha256: manifest.sha256) else { return given }
        return blob
    }

    static func name(for given: String, opening path: String) -> String {
        if path != given { return given }
        let file = URL(fileURLWithPath: path)
        let prefix = "sha256-"
        if file.lastPathComponent.hasPrefix(prefix), file.deletingLastPathComponent().lastPathComponent == "blobs" {
            let root = file.deletingLastPathComponent().deletingLastPathComponent().path
            let digest = String(file.lastPathComponent.dropFirst(prefix.count))
            if let manifest = ModelStore(root: root).manifests().models.first(where: { $0.sha256 == digest }) { return manifest.name }
        }
        return file.lastPathComponent
    }
}
