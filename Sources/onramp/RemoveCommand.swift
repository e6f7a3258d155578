// `onramp rm NAME`: remove a model from Onramp's store.

import ArgumentParser
import Fetch
import Foundation
import PlainText

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a model from Onramp's store (the file too, unless another name uses it).")

    @Argument(help: "The model's name, as `onramp list` shows it.")
    var name: String

    func run() throws {
        do {
            let settings = try FetchSettings.fromEnvironment()
            let freed = try ModelStore(root: settings.storeRoot).remove(name: name)
            StandardOutput.write("Removed \(name)" + (freed > 0 ? ", freeing \(NumberText.bytes(freed)).\n" : ".\n"))
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
    }
}
