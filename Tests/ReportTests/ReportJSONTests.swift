// The JSON report reads back to the same value and uses exactly the fields docs/report.md documents.

import Foundation
import Testing
@testable import Report

@Suite("Report JSON")
struct ReportJSONTests {
    @Test("JSON reads back to the same report")
    func roundTrip() throws {
        let made = try ReportFixtures.make(ReportFixtures.planted)
        let decoded = try ReportJSON.decode(made.json)
        #expect(decoded == made.report)
        #expect(try ReportJSON.render(decoded) == made.json)
    }

    /// `path` rows of the field table in docs/report.md: "| `findings[].evidence` | ... |".
    static func documentedFields() throws -> Set<String> {
        let doc = try String(contentsOfFile: ReportFixtures.root + "/docs/report.md", encoding: .utf8)
        var fields = Set<String>()
        let section = doc.components(separatedBy: "## JSON").last ?? ""
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            fields.insert(String(cell))
        }
        return fields
    }

    /// Every key path in the JSON, arrays written `[]`; the free-form documents (`machineFacts`,
    /// `selfTest.full`) stop at their own name.
    static func fieldPaths(_ value: Any, prefix: String = "") -> Set<String> {
        var paths = Set<String>()
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let path = prefix.isEmpty ? key : prefix + "." + key
                paths.insert(path)
                if path == "machineFacts" || path == "selfTest.full" { continue }
                paths.formUnion(fieldPaths(child, prefix: path))
            }
        } else if let array = value as? [Any] {
            for child in array { paths.formUnion(fieldPaths(child, prefix: prefix + "[]")) }
        }
        return paths
    }

    @Test("every field in the JSON is documented in docs/report.md, and every documented field exists")
    func matchesDocumentation() throws {
        let documented = try Self.documentedFields()
        #expect(documented.count > 20)
        var seen = Set<String>()
        // The planted machine has findings with fixes; a saved self-test and bench fill the rest.
        let made = try ReportFixtures.make(ReportFixtures.planted)
        let full = ReportBuilder.build(SavedResultsTests.inputWithEverything(made))
        // Every profile, for the fields only some machines fill (a tool's note, a missing tool).
        let profiles = try ReportFixtures.profiles.map { try ReportFixtures.make($0).json }
        for json in [made.json, try ReportJSON.render(full)] + profiles {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
            seen.formUnion(Self.fieldPaths(object))
        }
        #expect(seen.subtracting(documented).isEmpty, "undocumented: \(seen.subtracting(documented).sorted())")
        #expect(documented.subtracting(seen).isEmpty, "documented but never written: \(documented.subtracting(seen).sorted())")
    }
}
