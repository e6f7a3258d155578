// `onramp import NAME|PATH`: registers a model another program already downloaded (a name
// `onramp list` shows) or any .gguf file, without copying it.

import ArgumentParser
import Fetch
import Foundation
import PlainText

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Use a model another program already downloaded, or any .gguf file, without copying it.",
        discussion: """
            MODEL is a name from the "Found on this computer" part of `onramp list` (Ollama, LM Studio, \
            the Hugging Face cache, llama.cpp's cache, GPT4All, ~/Downloads) or the path of a .gguf file. \
            Onramp checks that the file is a GGUF model and that its sha256 matches what its program \
            recorded, then links it into the store: a hard link on the same disk (no extra space), \
            otherwise a reference to where it is.
            """)

    @Argument(help: "A name shown by `onramp list`, or the path of a .gguf file.")
    var model: String

    @Option(help: "The name to give it in Onramp's store (default: the name it has now).")
    var name: String?

    func run() throws {
        do {
            let settings = try FetchSettings.fromEnvironment()
            let store = ModelStore(root: settings.storeRoot)
            let chosen = try Self.choose(model, among: ModelDiscovery.forThisUser().scan())
            let (manifest, placement) = try ModelImport(store: store).importFile(
                path: chosen.path, name: name ?? chosen.name, source: chosen.source, expectedSHA256: chosen.expectedSHA256)
            let how = switch placement {
            case .hardLink: "linked, no copy made"
            case .reference: "referenced where it is (another disk), no copy made"
            case .alreadyStored: "the store already had this file"
            }
            StandardOutput.write("Imported \(manifest.name) (\(NumberText.bytes(manifest.size)), sha256 \(manifest.sha256)): \(how).\n")
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
    }

    struct Choice {
        let path: String
        let name: String
        let source: String
        let expectedSHA256: String?
    }

    /// A found model by its name, or a path (which may be a found model's file: then its
    /// program's sha256 is checked too).
    static func choose(_ text: String, among found: [FoundModel]) throws(FetchError) -> Choice {
        if let model = found.first(where: { $0.name == text }) {
            if let problem = model.problem {
                throw FetchError(.notGGUF, "\(model.name) (\(model.tool.displayName)) cannot be used: \(problem)")
            }
            return Choice(path: model.path, name: model.name, source: "\(model.tool.rawValue):\(model.name)", expectedSHA256: model.expectedSHA256)
        }
        if FileManager.default.fileExists(atPath: text) {
            let real = URL(fileURLWithPath: text).resolvingSymlinksInPath().path
            let known = found.first { $0.path == real }
            let fileName = URL(fileURLWithPath: text).lastPathComponent
            return Choice(
                path: text, name: fileName, source: known.map { "\($0.tool.rawValue):\($0.name)" } ?? real,
                expectedSHA256: known?.expectedSHA256)
        }
        let names = found.filter { $0.problem == nil }.map(\.name)
        let hint = names.isEmpty
            ? "No models from other programs were found on this computer."
            : "Models found on this computer: \(names.prefix(10).joined(separator: ", "))\(names.count > 10 ? ", …" : "")."
        throw FetchError(.notFound, "'\(text)' is neither a model another program downloaded nor a file. \(hint) `onramp list` shows them all.")
    }
}
