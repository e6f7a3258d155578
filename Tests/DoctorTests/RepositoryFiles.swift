// Where the tests find the repository's profiles, docs and golden files (relative to this file).

import Foundation

enum RepositoryFiles {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let golden = root + "/Tests/DoctorTests/Golden"

    /// Profile folders (those with a profile.json), sorted by name.
    static var profiles: [String] {
        let folder = root + "/profiles"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { FileManager.default.fileExists(atPath: folder + "/" + $0 + "/profile.json") }
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    static let regenerate = "Run scripts/update-doctor-golden and review the diff."
}
