// The recommendation for a machine, made in one place for `onramp recommend` and the wizard's
// Recommend screen: the bundled catalog, the engine's architectures, the speed measured here (or
// read from a profile's speed.json, or estimated from its facts), and the models already stored.

import Catalog
import Engine
import Fetch
import Foundation
import Probe

enum ModelAdvice {
    /// A catalog or speed record Onramp cannot read, in words.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func recommend(
        facts: MachineFacts, profile: String?, goal: Goal, saveSpeed: String? = nil,
        preferredContext: Int = Fit.preferredContext
    ) throws -> Recommendation {
        let catalog: ModelCatalog
        do {
            catalog = try ModelCatalog.bundled()
        } catch {
            throw Problem(description: "\(error)")
        }
        let speed = try machineSpeed(facts: facts, profile: profile, saveSpeed: saveSpeed)
        return Recommender.recommend(
            catalog: catalog, facts: facts, speed: speed, goal: goal,
            // The engine's own list, so a model is marked runnable exactly when `onramp run` would load it.
            engineArchitectures: ModelArchitecture.supportedNames,
            engineContextLimits: ModelArchitecture.trainedContextLimits,
            // Models already downloaded come first when they suit. Onramp's store always counts (the
            // wizard downloads and tests here even on a profile); other programs' folders only on a
            // live machine, as they would be on the profile's computer, not this one.
            onDisk: filesOnDisk(includingOtherPrograms: profile == nil), preferredContext: preferredContext)
    }

    /// The same judgement for one model file, described from its own GGUF header, whether or not
    /// the catalog lists it.
    static func recommend(
        modelFile path: String, facts: MachineFacts, profile: String?, goal: Goal, saveSpeed: String? = nil,
        preferredContext: Int = Fit.preferredContext
    ) throws -> Recommendation {
        let described = try ModelFileDescription.describe(path: path)
        let speed = try machineSpeed(facts: facts, profile: profile, saveSpeed: saveSpeed)
        return Recommender.recommend(
            file: described.model, facts: facts, speed: speed, goal: goal,
            engineArchitectures: ModelArchitecture.supportedNames, engineContextLimits: ModelArchitecture.trainedContextLimits,
            preferredContext: preferredContext)
    }

    /// File names in Onramp's store and, when asked, among other programs' models.
    static func filesOnDisk(includingOtherPrograms: Bool) -> Set<String> {
        var names: Set<String> = []
        if includingOtherPrograms {
            names = Set(ModelDiscovery.forThisUser().scan().filter { $0.problem == nil }.map(\.fileName))
        }
        if let settings = try? FetchSettings.fromEnvironment() {
            names.formUnion(ModelStore(root: settings.storeRoot).manifests().models.map(\.name))
        }
        return names
    }

    /// Measured here, read from the profile's speed.json, or estimated from the profile's facts.
    static func machineSpeed(facts: MachineFacts, profile: String?, saveSpeed: String?) throws -> MachineSpeed {
        guard let profile else {
            let speed = measure(threads: SpeedEstimate.threads(for: facts), availableBytes: facts.memory.availableBytes)
            if let saveSpeed {
                let url = URL(fileURLWithPath: saveSpeed).appendingPathComponent(MachineSpeed.profileFileName)
                do {
                    try Data(speed.jsonText().utf8).write(to: url)
                } catch {
                    throw Problem(description: "could not save \(url.path): \(error.localizedDescription)")
                }
            }
            return speed
        }
        let url = URL(fileURLWithPath: profile).appendingPathComponent(MachineSpeed.profileFileName)
        guard let data = try? Data(contentsOf: url) else { return SpeedEstimate.estimate(for: facts) }
        do {
            return try MachineSpeed.read(json: data)
        } catch {
            throw Problem(description: "\(url.path) is not a speed record Onramp can read: \(error)")
        }
    }

    /// The engine's own parts timed here, in under a second: its one-token product streaming
    /// each weight type from memory, its batched product for each, its attention and a hand-off
    /// to its threads (`EngineSpeedProbe`).
    static func measure(threads: Int, availableBytes: UInt64? = nil) -> MachineSpeed {
        // Larger than any common last-level cache (this development VM reports 300 MiB), so the
        // weights come from memory as a model's do; a quarter of the free memory at most.
        let quarter = availableBytes.map { Int(clamping: $0 / 4) } ?? Int.max
        let streamBytes = min(384 << 20, max(64 << 20, quarter))
        let streaming = EngineSpeedProbe.streamingRates(types: probedTypes, threads: threads, bytes: streamBytes)
        let prompt = EngineSpeedProbe.promptFlops(types: probedTypes, threads: threads)
        var typeSpeeds: [String: MachineSpeed.TypeSpeed] = [:]
        for type in probedTypes {
            guard let rate = streaming[type], let flops = prompt[type] else { continue }
            typeSpeeds[type.description.uppercased()] = MachineSpeed.TypeSpeed(streamingWeights: rate, promptFlops: flops)
        }
        // The one-token Q4_K kernel in cache, for what the per-type timings do not cover.
        let shape = KernelBenchmark.Shape(type: .q4_K, rows: 2048, columns: 2048, batch: 1)
        let path = MatrixProduct.path.rawValue
        let results = KernelBenchmark.run(shapes: [shape], includeReference: false, minimumSeconds: 0.02)
        let gigaflops = results.first { $0.path == path && $0.batch == 1 }?.gigaflops ?? 1
        let bandwidth = (streaming[.q8_0] ?? 0) * Double(GGMLType.q8_0.byteCount(elements: 32) ?? 34) / 32
        return MachineSpeed(
            memoryBandwidth: bandwidth > 0 ? bandwidth : 1e9, generationFlops: gigaflops * 1e9 * Double(threads),
            threads: threads, kernelPath: path, origin: .measured,
            note: "measured on this computer: the engine's \(path) kernels and attention on \(threads) threads, "
                + "streaming \(streamBytes >> 20) MiB of weights from memory",
            typeSpeeds: typeSpeeds, attentionSeconds: EngineSpeedProbe.attentionSeconds(threads: threads),
            handOffSeconds: EngineSpeedProbe.dispatchSeconds(threads: threads))
    }

    /// The weight types catalog files and common GGUF files hold.
    static let probedTypes: [GGMLType] = [.q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K, .f16]
}
