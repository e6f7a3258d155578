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
            Speed is predicted from timing Onramp's engine on this computer for under a second; with \
            --profile it is read from the profile's speed.json, or estimated from its facts when there is none.
            """)

    @Option(name: .customLong("for"), help: ArgumentHelp("What the model is for: chat, code or fast.", valueName: "goal"))
    var goal: Goal = .chat

    @Flag(help: "Print the recommendation as JSON, for scripts.")
    var json = false

    @Flag(help: "List every model, with the reason the ones not recommended were passed over.")
    var all = false

    @Option(
        name: .customLong("model"),
        help: ArgumentHelp("Judge this model file (.gguf) instead of the catalog: its own header gives its numbers.", valueName: "file"))
    var modelFile: String?

    @Option(
        name: .customLong("context"), parsing: .unconditional,
        help: OptionRanges.recommendContext.help("The longest conversation, in tokens, to make room for."),
        transform: OptionRanges.recommendContext.parse)
    var context: Int = OptionRanges.recommendContext.defaultValue

    @OptionGroup var machine: ProfileOption

    @Option(
        name: .customLong("save-speed"),
        help: ArgumentHelp("Also save this computer's measured speed into this profile folder (speed.json).", valueName: "dir"))
    var saveSpeed: String?

    func validate() throws {
        if saveSpeed != nil && machine.profile != nil {
            throw ValidationError("--save-speed records this computer; it cannot be combined with --profile.")
        }
        if modelFile?.isEmpty == true { throw ValidationError("The --model path is empty; give the path of a .gguf file.") }
        if modelFile != nil && all { throw ValidationError("--all lists the catalog; with --model there is one file to judge, so leave out --all.") }
    }

    func run() throws {
        let facts = Prober(source: try machine.systemSource(), timeout: .seconds(3)).gather()
        let recommendation: Recommendation
        do {
            let profile = machine.profile.map(ProfileOption.fullPath)
            if let modelFile {
                recommendation = try ModelAdvice.recommend(
                    modelFile: modelFile, facts: facts, profile: profile, goal: goal, saveSpeed: saveSpeed, preferredContext: context)
            } else {
                recommendation = try ModelAdvice.recommend(
                    facts: facts, profile: profile, goal: goal, saveSpeed: saveSpeed, preferredContext: context)
            }
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
        let text = modelFile != nil ? RecommendationText.renderFile(recommendation) : RecommendationText.render(recommendation, all: all)
        StandardOutput.write(json ? recommendation.jsonText() : text)
        if recommendation.best == nil { throw ExitCode.failure }
    }
}

extension Goal: ExpressibleByArgument {}
