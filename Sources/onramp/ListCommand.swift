// `onramp list`: the models in Onramp's store.

import ArgumentParser
import Fetch
import Foundation
import PlainText

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the models in Onramp's store.")

    @Flag(help: "Print the manifests as JSON.")
    var json = false

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
                StandardOutput.write("No models in \(settings.storeRoot) yet. Get one with: onramp pull hf://ORG/REPO/FILE.gguf\n")
                return
            }
            for model in models {
                let architecture = model.architecture ?? "?"
                StandardOutput.write("\(model.name)  \(NumberText.bytes(model.size))  \(architecture)  \(model.source)\n")
            }
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
    }
}
