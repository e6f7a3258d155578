// `onramp list`: the models in Onramp's store, then the ones other programs downloaded that
// `onramp import` can use without copying.

import ArgumentParser
import Fetch
import Foundation
import PlainText

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the models in Onramp's store, and those other programs downloaded.")

    @Flag(help: "Print the store's manifests as JSON.")
    var json = false

    @Flag(name: .customLong("store-only"), help: "Only the store; do not look for other programs' models.")
    var storeOnly = false

    func run() throws {
        do {
            let settings = try FetchSettings.fromEnvironment()
            let store = ModelStore(root: settings.storeRoot)
            let (models, problems) = store.manifests()
            for problem in problems { StandardError.write("warning: \(problem)\n") }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                StandardOutput.write(String(decoding: try encoder.encode(models), as: UTF8.self) + "\n")
                return
            }
            if models.isEmpty {
                StandardOutput.write("No models in \(settings.storeRoot) yet. Get one with: onramp pull NAME (onramp recommend suggests one)\n")
            }
            for model in models {
                let architecture = model.architecture ?? "?"
                StandardOutput.write("\(model.name)  \(NumberText.bytes(model.size))  \(architecture)  \(model.source)\n")
            }
            if !storeOnly {
                let stored = Set(models.compactMap { try? store.blobPath(sha256: $0.sha256) }.compactMap(Self.identity))
                writeFound(ModelDiscovery.forThisUser().scan(), stored: stored)
            }
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
    }

    /// Device and inode of the file a path leads to: an imported file is the same file as its
    /// blob (a hard link), or the blob leads to it (a reference).
    static func identity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    /// Other programs' models, with the program and where the file is; ones already imported
    /// are left out, ones that cannot be used say why.
    private func writeFound(_ found: [FoundModel], stored: Set<String>) {
        let shown = found.filter { model in Self.identity(model.path).map { !stored.contains($0) } ?? true }
        guard !shown.isEmpty else { return }
        StandardOutput.write("\nFound on this computer (onramp import NAME uses one without copying it):\n")
        let home = ProcessInfo.processInfo.environment["HOME"]
        for model in shown {
            let path = HomePath.shown(model.path, home: home)
            let what = model.problem.map { "not usable: \($0)" } ?? (model.architecture ?? "?")
            StandardOutput.write("\(model.name)  \(NumberText.bytes(model.sizeBytes))  \(what)  \(model.tool.displayName)  \(path)\n")
        }
    }
}
