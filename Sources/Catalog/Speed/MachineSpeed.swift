// How fast this machine moves and multiplies model weights: the engine's own parts timed in a
// moment on the live machine (how fast its product streams weights from memory, each weight
// type's products, its attention, a hand-off to its threads), or estimated from a profile's
// facts. Saved as `speed.json` in a profile folder so a replay predicts what the live run did;
// a record from before the per-type timings still reads, and is treated like an estimate there.

import Foundation

public struct MachineSpeed: Codable, Sendable, Equatable {
    public enum Origin: String, Codable, Sendable {
        /// Timed on the machine (under a second).
        case measured
        /// Worked out from the processor's facts with Onramp's reference numbers.
        case estimated
    }

    /// Bytes per second all threads together read from memory: measured, the rate the engine's
    /// one-token Q8_0 product streams weights larger than the processor's caches.
    public var memoryBandwidth: Double
    /// Operations per second (a multiply-add is two) of the engine's kernel for one token at a
    /// time, all threads together (Q4_K, weights in cache).
    public var generationFlops: Double
    /// Each weight type's products (by GGML type name, `Q4_K`), when measured.
    public var typeSpeeds: [String: TypeSpeed]?
    /// Seconds the engine's attention takes per attended cache position and head element, all
    /// threads, when measured.
    public var attentionSeconds: Double?
    /// Seconds one hand-off of work to the engine's threads costs, when measured.
    public var handOffSeconds: Double?
    public var threads: Int
    /// The engine's kernel path (`avx-vnni`, `avx2`, `portable`).
    public var kernelPath: String
    public var origin: Origin
    /// How the numbers were obtained, in words.
    public var note: String

    /// How fast the engine runs one weight type's products, all threads.
    public struct TypeSpeed: Codable, Sendable, Equatable {
        /// Weights per second its one-token product streams from memory (writing an answer).
        public var streamingWeights: Double
        /// Operations per second of its batched product (reading a prompt).
        public var promptFlops: Double

        public init(streamingWeights: Double, promptFlops: Double) {
            self.streamingWeights = streamingWeights
            self.promptFlops = promptFlops
        }
    }

    public init(
        memoryBandwidth: Double, generationFlops: Double, threads: Int, kernelPath: String, origin: Origin, note: String,
        typeSpeeds: [String: TypeSpeed]? = nil, attentionSeconds: Double? = nil, handOffSeconds: Double? = nil
    ) {
        self.memoryBandwidth = memoryBandwidth
        self.generationFlops = generationFlops
        self.typeSpeeds = typeSpeeds
        self.attentionSeconds = attentionSeconds
        self.handOffSeconds = handOffSeconds
        self.threads = threads
        self.kernelPath = kernelPath
        self.origin = origin
        self.note = note
    }

    /// What the reference machine's probe measured, for what was not timed (an estimate from a
    /// profile's facts, or a record from before the per-type timings): the batched Q4_K product
    /// ran 1.6× the one-token one's operations per second, attention took 0.107 ns per position
    /// and head element with the one-token kernel at 126 GFLOP/s (both scale with the kernel
    /// speed), and a hand-off took about 1 µs (docs/architecture.md, "Speed calibration").
    static let referencePromptRatio = 1.6
    static let referenceAttentionSecondsTimesFlops = 0.107e-9 * 126e9
    static let referenceHandOffSeconds = 1e-6

    /// Weights per second of `type` while writing an answer: measured, or the memory's bytes per
    /// second over the type's bytes per weight, unless the one-token kernel is slower.
    public func streamingWeights(for type: String) -> Double {
        if let measured = typeSpeeds?[type]?.streamingWeights { return measured }
        let bits = WeightMix.bitsPerWeight[type] ?? 4.5
        return min(memoryBandwidth * 8 / bits, generationFlops / 2)
    }

    /// Operations per second of `type`'s batched (prompt) products: measured, or worked out from
    /// the one-token figure with the reference machine's ratio.
    public func promptFlops(for type: String) -> Double {
        typeSpeeds?[type]?.promptFlops ?? generationFlops * Self.referencePromptRatio
    }

    /// Seconds per attended position and head element of attention, all threads.
    public var attentionCost: Double {
        attentionSeconds ?? Self.referenceAttentionSecondsTimesFlops / generationFlops
    }

    /// Seconds one hand-off to the engine's threads costs.
    public var handOff: Double { handOffSeconds ?? Self.referenceHandOffSeconds }

    /// The file a profile folder keeps it in.
    public static let profileFileName = "speed.json"

    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// Reads `speed.json`; a present but broken file is an error, never silently replaced.
    public static func read(json data: Data) throws -> MachineSpeed {
        let speed = try JSONDecoder().decode(MachineSpeed.self, from: data)
        let optional = [speed.attentionSeconds, speed.handOffSeconds].compactMap { $0 }
            + (speed.typeSpeeds?.values.flatMap { [$0.streamingWeights, $0.promptFlops] } ?? [])
        guard speed.memoryBandwidth > 0, speed.generationFlops > 0, speed.threads > 0, optional.allSatisfy({ $0 > 0 }) else {
            throw CatalogError.unreadable("speed.json has a number that is not positive.")
        }
        return speed
    }
}
