// How fast this machine moves and multiplies model weights: memory bandwidth and the engine's
// kernel throughput, measured in a moment on the live machine or estimated from a profile's
// facts. Saved as `speed.json` in a profile folder so a replay predicts what the live run did.

import Foundation

public struct MachineSpeed: Codable, Sendable, Equatable {
    public enum Origin: String, Codable, Sendable {
        /// Timed on the machine (about half a second).
        case measured
        /// Worked out from the processor's facts with Onramp's reference numbers.
        case estimated
    }

    /// Bytes per second all threads together read from memory.
    public var memoryBandwidth: Double
    /// Operations per second (a multiply-add is two) of the engine's kernel for one token at a
    /// time, all threads together.
    public var generationFlops: Double
    public var threads: Int
    /// The engine's kernel path (`avx-vnni`, `avx2`, `portable`).
    public var kernelPath: String
    public var origin: Origin
    /// How the numbers were obtained, in words.
    public var note: String

    public init(
        memoryBandwidth: Double, generationFlops: Double, threads: Int, kernelPath: String, origin: Origin, note: String
    ) {
        self.memoryBandwidth = memoryBandwidth
        self.generationFlops = generationFlops
        self.threads = threads
        self.kernelPath = kernelPath
        self.origin = origin
        self.note = note
    }

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
        guard speed.memoryBandwidth > 0, speed.generationFlops > 0, speed.threads > 0 else {
            throw CatalogError.unreadable("speed.json has a number that is not positive.")
        }
        return speed
    }
}
