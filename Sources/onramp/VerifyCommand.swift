// `onramp verify [NAME]`: re-hash models in the store and compare with their manifests.

import ArgumentParser
import Fetch
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-read models in the store and check each file's sha256; exits 1 if any is damaged or missing.")

    @Argument(help: "One model's name (default: every model).")
    var name: String?

    func run() throws {
        do {
            let settings = try FetchSettings.fromEnvironment()
            let store = ModelStore(root: settings.storeRoot)
            var models = store.manifests().models
            if let name {
                models = models.filter { $0.name == name }
                if models.isEmpty { throw FetchError(.notFound, "No model named '\(name)' in \(settings.storeRoot). `onramp list` shows what is there.") }
            }
            var bad = 0
            for model in models {
                switch try store.verify(model) {
                case .intact:
                    StandardOutput.write("ok       \(model.name)\n")
                case .missing:
                    bad += 1
                    StandardOutput.write("missing  \(model.name): its file is gone; run `onramp pull \(model.source)` to fetch it again\n")
                case .damaged(let actual, let size):
                    bad += 1
                    StandardOutput.write("damaged  \(model.name): sha256 \(actual) (\(size) bytes), expected \(model.sha256) (\(model.size) bytes); run `onramp rm \(model.name)` then `onramp pull \(model.source)`\n")
                }
            }
            if bad > 0 { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
    }
}
