// `onramp recommend`: which models from Onramp's catalog suit this computer (or a profile), with
// predicted memory and speed and the reason for each; exit 1 when none does.

import ArgumentParser
import Catalog
import Engine
import Fetch
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
        let catalog: ModelCatalog
        do {
            catalog = try ModelCatalog.bundled()
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
        let facts = Prober(source: try machine.systemSource(), timeout: .seconds(3)).gather()
        let speed = try machineSpeed(facts: facts)
        let recommendation = Recommender.recommend(
            catalog: catalog, facts: facts, speed: speed, goal: goal,
            // The engine's own list, so a model is marked runnable exactly when `onramp run` would load it.
            engineArchitectures: ModelArchitecture.supportedNames,
            // Models already downloaded (Onramp's store, other programs) come first when they qualify.
            onDisk: machine.profile == nil ? Self.filesOnDisk() : [])
        StandardOutput.write(json ? recommendation.jsonText() : RecommendationText.render(recommendation, all: all))
        if recommendation.best == nil { throw ExitCode.failure }
    }

    /// File names in Onramp's store and among other programs' models.
    static func filesOnDisk() -> Set<String> {
        var names = Set(ModelDiscovery.forThisUser().scan().filter { $0.problem == nil }.map(\.fileName))
        if let settings = try? FetchSettings.fromEnvironment() {
            names.formUnion(ModelStore(root: settings.storeRoot).manifests().models.map(\.name))
        }
        return names
    }

    /// Measured here, read from the profile's speed.json, or estimated from the profile's facts.
    private func machineSpeed(facts: MachineFacts) throws -> MachineSpeed {
        guard let profile = machine.profile else {
            let speed = Self.measure(threads: SpeedEstimate.threads(for: facts))
            if let saveSpeed {
                let url = URL(fileURLWithPath: saveSpeed).appendingPathComponent(MachineSpeed.profileFileName)
                do {
                    try Data(speed.jsonText().utf8).write(to: url)
                } catch {
                    StandardError.write("error: could not save \(url.path): \(error.localizedDescription)\n")
                    throw ExitCode.failure
                }
            }
            return speed
        }
        let url = URL(fileURLWithPath: profile).appendingPathComponent(MachineSpeed.profileFileName)
        guard let data = try? Data(contentsOf: url) else { return SpeedEstimate.estimate(for: facts) }
        do {
            return try MachineSpeed.read(json: data)
        } catch {
            StandardError.write("error: \(url.path) is not a speed record Onramp can read: \(error)\n")
            throw ExitCode.failure
        }
    }

    /// Memory bandwidth over all threads, and the engine's own kernel (Q4_K, one token) on one
    /// thread scaled to all: about half a second.
    static func measure(threads: Int) -> MachineSpeed {
        let bandwidth = MemoryBandwidthProbe.measure(threads: threads)
        let shape = KernelBenchmark.Shape(type: .q4_K, rows: 2048, columns: 2048, batch: 1)
        let path = MatrixProduct.path.rawValue
        let results = KernelBenchmark.run(shapes: [shape], includeReference: false, minimumSeconds: 0.05)
        let gigaflops = results.first { $0.path == path && $0.batch == 1 }?.gigaflops ?? 1
        return MachineSpeed(
            memoryBandwidth: bandwidth, generationFlops: gigaflops * 1e9 * Double(threads), threads: threads,
            kernelPath: path, origin: .measured,
            note: "measured on this computer: memory read by \(threads) threads, the \(path) Q4_K kernel on one thread × \(threads)")
    }
}

extension Goal: ExpressibleByArgument {}
