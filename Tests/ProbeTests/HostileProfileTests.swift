// Garbage, empty and missing /proc and /sys files, and broken profile folders: unknown facts or a
// clear error, never a crash.

import Foundation
import Testing
@testable import LiveMachine
@testable import Probe

@Suite("Hostile machine data")
struct HostileProfileTests {
    /// Every file this machine's probe reads, as a profile, so the garbage lands where the probe looks.
    private func capturedProfile() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let target = folder.path + "/profile"
        _ = try ProfileCapture.capture(to: target)
        return (folder, target)
    }

    private func files(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        return (enumerator?.allObjects as? [String] ?? []).filter { relative in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder)
            return !isFolder.boolValue
        }
    }

    @Test("every file empty, or every file garbage: the probe finishes with unknown facts", arguments: ["", "\u{0}\u{FF}garbage: ::=\n-1 max 0x\n\n\n"])
    func garbageFiles(content: String) throws {
        let (folder, target) = try capturedProfile()
        let outputs = files(under: target + "/commands").filter { !$0.hasSuffix(".json") }.map { "commands/" + $0 }
        for relative in files(under: target + "/fs").map({ "fs/" + $0 }) + outputs {
            try folder.write("profile/" + relative, content)
        }
        let facts = Prober(source: try ReplaySystem(folder: target)).gather()
        #expect(facts.cpu.features == nil)
        #expect(facts.cpu.logicalCores == nil)
        #expect(facts.memory.totalBytes == nil)
        #expect(facts.os.distroID == nil)
    }

    @Test("missing /proc and /sys: the probe finishes with unknown facts")
    func missingFiles() throws {
        let (folder, target) = try capturedProfile()
        try FileManager.default.removeItem(atPath: target + "/fs")
        let facts = Prober(source: try ReplaySystem(folder: target)).gather()
        withExtendedLifetime(folder) {}
        #expect(facts.cpu.features == nil)
        #expect(facts.memory.totalBytes == nil)
        #expect(facts.gpus.isEmpty)
    }

    // Seeded, so a failure names a round that can be replayed; time-limited, so a hang fails
    // instead of stalling the run.
    @Test("random bytes in every file never crash or hang the probe", .timeLimit(.minutes(2)), arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomBytes(seed: UInt64) throws {
        let (folder, target) = try capturedProfile()
        var generator = SplitMix64(seed: seed)
        let fsFiles = files(under: target + "/fs")
        try #require(!fsFiles.isEmpty, "the captured profile holds no files to spoil")
        for relative in fsFiles {
            let bytes = (0..<Int.random(in: 0..<400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(bytes).write(to: URL(fileURLWithPath: folder.path + "/profile/fs/" + relative))
        }
        let facts = Prober(source: try ReplaySystem(folder: target)).gather()
        // The tools' answers were not spoiled, so the probe still records them after the garbage.
        #expect(!facts.commands.isEmpty, "seed \(seed)")
    }

    @Test("a profile folder that is missing, or has broken JSON, is a clear error")
    func brokenProfiles() throws {
        let folder = try TemporaryFolder()
        #expect { try ReplaySystem(folder: folder.path + "/nope") } throws: { error in
            (error as? ProfileError)?.message.contains("no machine profile folder") == true
        }
        try folder.write("p/system.json", "{ not json")
        #expect { try ReplaySystem(folder: folder.path + "/p") } throws: { error in
            (error as? ProfileError)?.message.contains("not valid") == true
        }
        try folder.write("q/system.json", "{}")
        try folder.write("q/commands/x.json", "{\"argv\": 3}")
        #expect(throws: ProfileError.self) { try ReplaySystem(folder: folder.path + "/q") }
    }

    @Test("a profile cannot make the probe read outside its folder")
    func noEscape() throws {
        let folder = try TemporaryFolder()
        try folder.write("p/system.json", "{}")
        let replay = try ReplaySystem(folder: folder.path + "/p")
        #expect(replay.readFile("/../../../../etc/os-release") == .missing)
        #expect(replay.readFile("relative/path") == .missing)
    }

    @Test("a symbolic link in a profile cannot make the probe read this machine's files")
    func noLinkEscape() throws {
        let folder = try TemporaryFolder()
        try folder.write("p/system.json", "{}")
        try folder.write("p/fs/proc/meminfo", "MemTotal: 1 kB\n")
        try FileManager.default.createDirectory(atPath: folder.path + "/p/fs/etc", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/p/fs/etc/os-release", withDestinationPath: "/etc/os-release")
        let replay = try ReplaySystem(folder: folder.path + "/p")
        #expect(replay.readFile("/proc/meminfo") == .text("MemTotal: 1 kB\n"))
        #expect(replay.readFile("/etc/os-release").text == nil)
        #expect(Prober(source: replay).gather().os.distroID == nil)
    }
}
