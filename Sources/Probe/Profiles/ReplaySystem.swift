// A machine replayed from a profile folder: the probe sees exactly what was captured, nothing else.

import Foundation

public struct ReplaySystem: SystemSource {
    public let folder: String
    public let system: ProfileSystemFile
    private let commands: [[String]: CommandResult]
    private let disk = LocalFiles()

    /// Loads `system.json` and `commands/`; files under `fs/` are read when the probe asks.
    public init(folder: String) throws(ProfileError) {
        self.folder = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        guard disk.fileInfo(self.folder)?.kind == .dir || disk.fileInfo(self.folder)?.kind == .link else {
            throw ProfileError("There is no machine profile folder at \(folder). Give the folder that holds system.json (made by `onramp probe --capture DIR`).")
        }
        system = try ReplaySystem.decode(ProfileSystemFile.self, at: self.folder + "/system.json", disk: disk)
        var commands: [[String]: CommandResult] = [:]
        for name in disk.listDirectory(self.folder + "/commands") ?? [] where name.hasSuffix(".json") {
            let base = self.folder + "/commands/" + String(name.dropLast(5))
            var result = try ReplaySystem.decode(CommandResult.self, at: base + ".json", disk: disk)
            result.stdout = disk.readFile(base + ".stdout").text ?? ""
            result.stderr = disk.readFile(base + ".stderr").text ?? ""
            commands[result.argv] = result
        }
        self.commands = commands
    }

    static func decode<T: Decodable>(_ type: T.Type, at path: String, disk: LocalFiles) throws(ProfileError) -> T {
        let text: String
        switch disk.readFile(path) {
        case .text(let contents): text = contents
        case .missing: throw ProfileError.unreadable(path, "it does not exist")
        case .unreadable(let reason): throw ProfileError.unreadable(path, reason)
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw ProfileError.invalid(path, "\"\(key.stringValue)\" is missing at \(pathText(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ProfileError.invalid(path, "\(context.debugDescription) at \(pathText(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw ProfileError.invalid(path, "it is not JSON (\(context.debugDescription))")
        } catch {
            throw ProfileError.invalid(path, String(describing: error))
        }
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top level" : path.map(\.stringValue).joined(separator: ".")
    }

    /// Where a machine path lives inside the profile; nil for paths that could climb out of it.
    private func stored(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { return nil }
        return folder + "/fs" + path
    }

    /// A profile is someone else's data: a symbolic link in it must not make us read this machine's files.
    private func staysInside(_ stored: String) -> Bool {
        guard let real = ReplaySystem.realPath(stored), let root = ReplaySystem.realPath(folder + "/fs") else { return false }
        return real.hasPrefix(root + "/")
    }

    public func readFile(_ path: String) -> FileRead {
        if system.entries[path]?.kind == .unreadable { return .unreadable("Permission denied") }
        guard let stored = stored(path), disk.fileInfo(stored) != nil else { return .missing }
        guard staysInside(stored) else { return .unreadable("the profile links this file outside its folder") }
        return disk.readFile(stored)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func listDirectory(_ path: String) -> [String]? {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var names = Set(stored(path).flatMap { disk.listDirectory($0) } ?? [])
        let listedOnDisk = stored(path).flatMap { disk.fileInfo($0) }?.kind == .dir
        for key in system.entries.keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            if let name = rest.split(separator: "/").first { names.insert(String(name)) }
        }
        if names.isEmpty && !listedOnDisk && system.entries[path]?.kind != .dir { return nil }
        return names.sorted()
    }

    public func fileInfo(_ path: String) -> FileInfo? {
        if let entry = system.entries[path] { return entry }
        if let stored = stored(path), let info = disk.fileInfo(stored) {
            return FileInfo(kind: info.kind, target: info.target)
        }
        let prefix = path + "/"
        if system.entries.keys.contains(where: { $0.hasPrefix(prefix) }) { return FileInfo(kind: .dir) }
        return nil
    }

    public func run(_ argv: [String], timeout: Duration) -> CommandResult {
        commands[argv] ?? CommandResult(
            argv: argv, outcome: .couldNotStart, message: "this command was not recorded in the profile"
        )
    }

    public func environment(_ name: String) -> String? {
        system.environment[name]
    }

    public func currentUser() -> UserFacts? {
        system.user
    }

    public func volume(at path: String) -> VolumeSpace? {
        system.volumes.first { $0.path == path }
    }
}
