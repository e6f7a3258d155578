// The bundle: a real .tar.gz that the system's tar unpacks, holding only redacted files, whose
// profile the doctor replays to the same findings.

import Doctor
import Foundation
import Probe
import Testing
import TestSupport
@testable import Report

@Suite("Report bundle", .onOwnThread)
struct ReportBundleTests {
    static func bundle(_ made: ReportFixtures.Made) throws -> Data {
        let files = try ReportBundle.files(
            markdown: made.markdown, json: made.json, recording: made.recording, identity: made.identity,
            describe: made.source.fileInfo, findingIDs: made.doctor.findingIDs)
        return try ReportBundle.archive(files, modified: ReportFixtures.date)
    }

    static func unpack(_ archive: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onramp-bundle-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try archive.write(to: URL(fileURLWithPath: folder + "/bundle.tar.gz"))
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xzf", folder + "/bundle.tar.gz", "-C", folder]
        let errors = Pipe()
        tar.standardError = errors
        try tar.run()
        tar.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(tar.terminationStatus == 0, "tar: \(message)")
        return folder
    }

    @Test("unpacked with tar, no file (name or contents) holds a planted value; nor do the archive's bytes")
    func onlyRedactedFiles() throws {
        let made = try ReportFixtures.make(ReportFixtures.planted)
        let archive = try Self.bundle(made)
        #expect(ReportFixtures.leak(in: String(decoding: archive, as: UTF8.self)) == nil)
        let folder = try Self.unpack(archive)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var count = 0
        for case let relative as String in FileManager.default.enumerator(atPath: folder + "/onramp-report")! {
            let path = folder + "/onramp-report/" + relative
            #expect(ReportFixtures.leak(in: relative) == nil, "file name \(relative)")
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            count += 1
            let text = String(decoding: data, as: UTF8.self)
            #expect(ReportFixtures.leak(in: text) == nil, "\(relative): \(ReportFixtures.leak(in: text) ?? "")")
        }
        #expect(count > 20)
        #expect(FileManager.default.fileExists(atPath: folder + "/onramp-report/report.md"))
        #expect(FileManager.default.fileExists(atPath: folder + "/onramp-report/report.json"))
    }

    @Test("the doctor replays the bundle's profile to the same finding ids", arguments: [ReportFixtures.planted] + ReportFixtures.profiles)
    func replaysToSameFindings(_ profile: String) throws {
        let made = try ReportFixtures.make(profile)
        let folder = try Self.unpack(try Self.bundle(made))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let replayed = Prober(source: try ReplaySystem(folder: folder + "/onramp-report/profile")).gather()
        #expect(CheckRunner().examine(replayed).findingIDs == made.doctor.findingIDs)
        let description = try JSONDecoder().decode(
            ProfileDescription.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/onramp-report/profile/profile.json")))
        #expect(description.expectedFindings == made.doctor.findingIDs)
    }

    @Test("gzip: the CRC-32 of a known text, and a file larger than one stored block")
    func gzip() throws {
        #expect(Gzip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        let big = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let archive = try ReportBundle.archive([("onramp-report/big.bin", big)], modified: ReportFixtures.date)
        let folder = try Self.unpack(archive)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.contents(atPath: folder + "/onramp-report/big.bin") == big)
    }

    @Test("tar: a long path is split into prefix and name; one that cannot be is refused, as is a path that climbs out")
    func tarPaths() throws {
        let long = "onramp-report/profile/fs/sys/bus/pci/devices/0000:2b:00.0/" + String(repeating: "d/", count: 30) + "vendor"
        let (prefix, name) = try TarArchive.split(long)
        #expect(prefix + "/" + name == long && name.utf8.count <= 100 && prefix.utf8.count <= 155)
        #expect(throws: TarArchive.Problem.self) { try TarArchive.split(String(repeating: "x", count: 101)) }
        #expect(throws: TarArchive.Problem.self) { try TarArchive.split("../etc/passwd") }
        #expect(throws: TarArchive.Problem.self) { try TarArchive.split("/etc/passwd") }
        let folder = try Self.unpack(try ReportBundle.archive([(long, Data("x".utf8))], modified: ReportFixtures.date))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.contents(atPath: folder + "/" + long) == Data("x".utf8))
    }
}
