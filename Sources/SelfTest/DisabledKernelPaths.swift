// The kernel paths and graphics cards Onramp stopped using because they gave wrong results on
// this computer, kept in $XDG_CONFIG_HOME/onramp/disabled-kernel-paths.json (default ~/.config/onramp/…) so
// every later run skips them; `onramp selftest --reset` deletes the file. Format:
// docs/selftest.md ("Disabled kernel paths").
import Engine
import Foundation

public struct DisabledKernelPaths: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        /// A `KernelPath` raw value, e.g. "avx512-vnni".
        public var path: String
        /// Which checks failed, in words.
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// A graphics card whose kernels gave wrong results.
    public struct GraphicsCard: Codable, Sendable, Equatable {
        /// The device's name as Vulkan gives it, e.g. "AMD Radeon RX 6700 XT (RADV NAVI22)".
        public var device: String
        /// Which checks failed, in words.
        public var reason: String

        public init(device: String, reason: String) {
            self.device = device
            self.reason = reason
        }
    }

    public var paths: [Entry] = []
    public var graphicsCards: [GraphicsCard] = []

    public init(paths: [Entry] = [], graphicsCards: [GraphicsCard] = []) {
        self.paths = paths
        self.graphicsCards = graphicsCards
    }

    /// Files written before graphics cards were recorded have no `graphicsCards`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paths = try container.decode([Entry].self, forKey: .paths)
        graphicsCards = try container.decodeIfPresent([GraphicsCard].self, forKey: .graphicsCards) ?? []
    }

    /// Why Onramp stopped using the graphics card named `device`, or nil when it did not.
    public func graphicsCardDisabled(_ device: String) -> String? {
        graphicsCards.first { $0.device == device }?.reason
    }

    /// What the engine's setup asks before computing on `device`: why an earlier self-test
    /// switched it off, or nil. A damaged file is an error (see `load`), never a silent yes.
    public static func graphicsCardDisabled(
        device: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String? {
        try load(from: file(environment: environment)).graphicsCardDisabled(device)
    }

    /// Stops using the graphics card `device` (once).
    public mutating func disable(graphicsCard device: String, reason: String) {
        guard graphicsCardDisabled(device) == nil else { return }
        graphicsCards.append(GraphicsCard(device: device, reason: reason))
    }

    public var disabled: Set<KernelPath> { Set(paths.compactMap { KernelPath(rawValue: $0.path) }) }

    /// The path Onramp uses: the fastest one this CPU supports that is not disabled. Portable is
    /// never disabled, so there always is one.
    public func chosenPath(supported: [KernelPath] = KernelPath.supported) -> KernelPath {
        supported.last { !disabled.contains($0) } ?? .portable
    }

    /// The file, from the environment (XDG base directories).
    public static func file(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        SavedResults.folder(environment: environment).appendingPathComponent("disabled-kernel-paths.json")
    }

    /// No file means nothing disabled; an unreadable one is an error with the file's name
    /// (never silently ignored: it would re-enable a path known to be wrong).
    public static func load(from file: URL) throws -> DisabledKernelPaths {
        guard FileManager.default.fileExists(atPath: file.path) else { return DisabledKernelPaths() }
        do {
            return try JSONDecoder().decode(DisabledKernelPaths.self, from: Data(contentsOf: file))
        } catch {
            // A person needs to know the file is damaged, not the decoder's debug text.
            let reason = error is DecodingError ? "its contents are damaged" : error.localizedDescription
            throw SelfTestError.unreadableSettings(file: file.path, reason: reason)
        }
    }

    public func save(to file: URL) throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(self).write(to: file, options: .atomic)
        } catch {
            throw SelfTestError.unwritableSettings(file: file.path, reason: error.localizedDescription)
        }
    }

    /// Forgets every disabled path.
    public static func reset(at file: URL) throws {
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        do {
            try FileManager.default.removeItem(at: file)
        } catch {
            throw SelfTestError.unwritableSettings(file: file.path, reason: error.localizedDescription)
        }
    }

    /// Adds `failed` paths (portable never: there is nothing to fall back to).
    public mutating func disable(_ failed: [KernelPath: String]) {
        for (path, reason) in failed.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where path != .portable && !disabled.contains(path) {
            paths.append(Entry(path: path.rawValue, reason: reason))
        }
    }
}
