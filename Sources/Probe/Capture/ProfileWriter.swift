// Writes a recorded probe session as a profile folder (docs/profiles.md), redacted on the way out.

import Foundation

public enum ProfileWriter {
    /// Writes `recording` to `folder`, which must not exist or be empty.
    /// `describe` answers what a listed name is when nothing else was recorded about it.
    public static func write(
        _ recording: Recording, to folder: String, description: String, redactor: Redactor,
        describe: (String) -> FileInfo?
    ) throws(ProfileError) {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: folder), !existing.isEmpty {
            throw ProfileError("The folder \(folder) already has files in it. Choose a new or empty folder for the capture, so nothing of yours is overwritten.")
        }
        let layout = layout(recording, redactor: redactor, describe: describe)
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (path, contents) in layout.files {
                let target = folder + "/" + path
                try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: URL(fileURLWithPath: target))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(layout.system) + Data("\n".utf8)).write(to: URL(fileURLWithPath: folder + "/system.json"))
            let profile = ProfileDescription(description: description, expectedFindings: [])
            try (encoder.encode(profile) + Data("\n".utf8)).write(to: URL(fileURLWithPath: folder + "/profile.json"))
        } catch {
            throw ProfileError("Could not write the profile to \(folder): \(error.localizedDescription). Check that the folder is writable and the disk has space.")
        }
    }

    /// The files of a profile (relative path to contents) and its system.json; pure, so it is tested directly.
    public static func layout(
        _ recording: Recording, redactor: Redactor, describe: (String) -> FileInfo?
    ) -> (files: [String: String], system: ProfileSystemFile) {
        var files: [String: String] = [:]
        var system = ProfileSystemFile()
        let redactPath = { (path: String) in redactor.redact(path) }

        for (path, read) in recording.files {
            switch read {
            case .text(let text):
                let cleaned = path.hasPrefix("/proc/net/tcp") ? redactor.redactSocketTable(text)
                    : Redactor.isServiceFile(path) ? redactor.redactServiceFile(text)
                    : path == Redactor.dockerDaemonConfig ? redactor.redactDockerDaemonConfig(text)
                    : redactor.redact(text)
                files["fs" + redactPath(path)] = cleaned
            case .unreadable:
                system.entries[redactPath(path)] = FileInfo(kind: .unreadable)
            case .missing:
                break
            }
        }
        let captured = Set(recording.files.compactMap { $0.value.text == nil ? nil : $0.key })
        func covered(_ path: String) -> Bool {
            captured.contains(path) || captured.contains { $0.hasPrefix(path + "/") }
        }
        for (path, info) in recording.infos where !(info.kind == .file && captured.contains(path)) {
            if info.kind == .dir && covered(path) { continue }
            var entry = info
            entry.target = info.target.map(redactPath)
            if entry.kind != .char && entry.kind != .block { entry.owner = nil; entry.group = nil; entry.accessible = nil }
            system.entries[redactPath(path)] = entry
        }
        for (folder, names) in recording.listings {
            if names.isEmpty && !covered(folder) { system.entries[redactPath(folder)] = FileInfo(kind: .dir) }
            for name in names {
                let path = (folder == "/" ? "" : folder) + "/" + name
                guard !covered(path), recording.infos[path] == nil, let info = describe(path) else { continue }
                system.entries[redactPath(path)] = FileInfo(kind: info.kind == .link ? .link : info.kind, target: info.target.map(redactPath))
            }
        }
        var usedNames = Set<String>()
        for command in recording.commands {
            var name = slug(command.argv.map(redactPath))
            var counter = 2
            while usedNames.contains(name) {
                name = slug(command.argv.map(redactPath)) + "-\(counter)"
                counter += 1
            }
            usedNames.insert(name)
            var stored = command
            stored.argv = command.argv.map(redactPath)
            files["commands/\(name).json"] = commandJSON(stored)
            let stdout = Redactor.isKernelLog(command.argv) ? redactor.redactKernelMessages(command.stdout) : redactor.redact(command.stdout)
            if !stdout.isEmpty { files["commands/\(name).stdout"] = stdout }
            if !command.stderr.isEmpty { files["commands/\(name).stderr"] = redactor.redact(command.stderr) }
        }
        system.environment = Dictionary(uniqueKeysWithValues: recording.environment.map { name, value in
            (name, name.lowercased().hasSuffix("_proxy") || Redactor.isSecretVariable(name) ? "<redacted>" : redactor.redact(value))
        })
        // root stays root: it identifies no one, and the doctor must know when the probe ran as root.
        system.user = recording.user.map { user in
            let name = redactor.userName == nil && redactor.shortUserName == nil ? user.name : Redactor.userPlaceholder
            return UserFacts(name: name, uid: user.uid, groups: user.groups.map { $0 == user.name ? name : redactor.redact($0) })
        }
        system.volumes = recording.volumes.map {
            VolumeSpace(path: redactPath($0.path), totalBytes: $0.totalBytes, availableBytes: $0.availableBytes)
        }
        return (files, system)
    }

    /// A file name from an argv: the program's name and its arguments, safe characters only.
    static func slug(_ argv: [String]) -> String {
        let words = [argv.first.map { String($0.split(separator: "/").last ?? "") } ?? "command"] + argv.dropFirst()
        let safe = words.joined(separator: "_").map { $0.isLetter || $0.isNumber || "._=-".contains($0) ? $0 : "-" }
        return String(String(safe).prefix(80))
    }

    private static func commandJSON(_ command: CommandResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(command)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
