// The kernel paths Onramp stopped using because they gave wrong results on this computer,
// kept in $XDG_CONFIG_HOME/onramp/disabled-kernel-paths.json (default ~/.config/onramp/…) so
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

    public var paths: [Entry] = []

    public init(paths: [Entry] = []) { self.paths = paths }

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
