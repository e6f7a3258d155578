// Every machine profile in profiles/: the doctor reports exactly its expected finding ids, and the
// rendered `onramp doctor` and `-v` output equal the golden text beside this file.

import Foundation
import Probe
import Testing
@testable import Doctor

@Suite("Doctor on every profile")
struct ProfileGoldenTests {
    static func report(_ name: String) throws -> (DoctorReport, runningAsRoot: Bool) {
        let facts = Prober(source: try ReplaySystem(folder: RepositoryFiles.root + "/profiles/" + name)).gather()
        return (CheckRunner().examine(facts), facts.drivers.user?.uid == 0)
    }

    @Test("the finding ids equal the profile's expectedFindings", arguments: RepositoryFiles.profiles)
    func expectedFindings(profile: String) throws {
        let path = RepositoryFiles.root + "/profiles/" + profile + "/profile.json"
        let text = try #require(RepositoryFiles.read(path))
        let expected = try JSONDecoder().decode(ProfileDescription.self, from: Data(text.utf8)).expectedFindings
        let (report, _) = try Self.report(profile)
        #expect(report.findingIDs == expected.sorted(), "\(profile): doctor found \(report.findingIDs)")
        #expect(!report.findingIDs.contains(Finding.checkFailedID), "a check could not run on \(profile)")
    }

    @Test("onramp doctor and doctor -v render as the golden text", arguments: RepositoryFiles.profiles)
    func golden(profile: String) throws {
        let (report, asRoot) = try Self.report(profile)
        for verbose in [false, true] {
            let file = RepositoryFiles.golden + "/" + profile + (verbose ? ".verbose.txt" : ".txt")
            let golden = try #require(RepositoryFiles.read(file), "\(file) is missing. \(RepositoryFiles.regenerate)")
            let rendered = TextReport(verbose: verbose, glyphs: .unicode, runningAsRoot: asRoot).render(report)
            #expect(rendered == golden, "\(file) differs. \(RepositoryFiles.regenerate)")
        }
    }

    @Test("every golden file belongs to a profile that still exists")
    func noStaleGoldens() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.golden)) ?? []
        let profiles = Set(RepositoryFiles.profiles)
        for name in names where name.hasSuffix(".txt") {
            let profile = name.replacingOccurrences(of: ".verbose.txt", with: "").replacingOccurrences(of: ".txt", with: "")
            #expect(profiles.contains(profile), "\(name) has no profile. \(RepositoryFiles.regenerate)")
        }
    }
}
