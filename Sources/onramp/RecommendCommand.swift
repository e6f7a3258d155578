// `onramp recommend`: which models from Onramp's catalog suit this computer (or a profile), with
// predicted memory and speed and the reason for each; exit 1 when none does.

import ArgumentParser
import Catalog
import Foundation
import Probe

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Suggest the models that fit this computer, with how much memory they need and how fast they will answer.",
        discussion: """
            Memory is what is free now (within a container's limit), less room for your other programs. \
            Speed is predicted from a half-second measurement of this computer's memory and processor; with \
            --profile it is read from the profile's speed.json, or estimated from its facts when there is none.
            """)

    @Option(name: .customLong("for"), help: ArgumentHelp("What the model is for: chat, code or fast.", valueName: "goal"))
    var goal: Goal = .chat

    @Flag(help: "Print the recommendation as JSON, for scripts.")
    var json = false

    @Flag(help: "List every model, with the reason the ones not recommended were passed over.")
    var all = false

    @OptionGroup var machine: ProfileOption

    @Option(
        name: .customLong("save-speed"),
        help: ArgumentHelp("Also save this computer's measured speed into this profile folder (speed.json).", valueName: "dir"))
    var saveSpeed: String?

    func validate() throws {
        if saveSpeed != nil && machine.profile != nil {
            throw ValidationError("--save-speed records this computer; it cannot be combined with --profile.")
        }
    }

    func run() throws {
        let facts = Prober(source: try machine.systemSource(), timeout: .seconds(3)).gather()
        let recommendation: Recommendation
        do {
            recommendation = try ModelAdvice.recommend(
                facts: facts, profile: machine.profile.map(ProfileOption.fullPath), goal: goal, saveSpeed: saveSpeed)
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
        StandardOutput.write(json ? recommendation.jsonText() : RecommendationText.render(recommendation, all: all))
        if recommendation.best == nil { throw ExitCode.failure }
    }
}

extension Goal: ExpressibleByArgument {}
