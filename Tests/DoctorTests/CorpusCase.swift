// One case of the corpus in profiles/cases/: a real broken machine from a public thread, what was
// wrong with it, and what the doctor must say first for it (see docs/profiles.md, "Corpus cases").

import Foundation

struct CorpusCase: Decodable {
    /// How far the doctor gets with the case today; the scoring test holds each case to it.
    enum Status: String, Decodable {
        /// The doctor's top finding is the expected one and its fix has what the real fix needed.
        case diagnosed
        /// The evidence lies where the probe does not look; `missingChannels` says where.
        case needsChannel = "needs-channel"
        /// The probe reads the evidence, but a check stays silent, ranks it lower, or fixes it wrongly.
        case misdiagnosed
    }

    struct Source: Decodable {
        var url: String
    }

    var description: String
    var source: Source
    var diagnosis: String
    var fixThatWorked: String
    var status: Status
    /// The first is the finding that explains the symptom and must come first.
    var expectedFindings: [String]
    /// Pieces of the real fix that the top finding's fix must contain, for this machine's distribution.
    var fixMustContain: [String]
    var missingChannels: [String]?
    var assumptions: [String]?

    static let folder = RepositoryFiles.root + "/profiles/cases"

    /// Case folders (those with a profile.json), sorted by name.
    static var names: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { FileManager.default.fileExists(atPath: folder + "/" + $0 + "/profile.json") }
    }

    static func load(_ name: String) throws -> CorpusCase {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + "/profile.json"))
        return try JSONDecoder().decode(CorpusCase.self, from: data)
    }
}
