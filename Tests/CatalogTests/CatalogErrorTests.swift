// A broken catalog file gives an error that names the entry and the field; it never crashes.

import Foundation
import Testing

@testable import Catalog

@Suite("Catalog errors")
struct CatalogErrorTests {
    /// A valid one-entry catalog as a JSON object, to break in each test.
    static func valid() throws -> [String: Any] {
        let model = TestModels.oneB
        let data = try JSONEncoder().encode(model)
        let entry = try JSONSerialization.jsonObject(with: data)
        return ["version": 1, "models": [entry]]
    }

    static func load(_ object: [String: Any]) throws(CatalogError) -> ModelCatalog {
        let data = try! JSONSerialization.data(withJSONObject: object)
        return try ModelCatalog(json: data)
    }

    static func modifyEntry(_ change: (inout [String: Any]) -> Void) throws -> [String: Any] {
        var object = try valid()
        var entries = object["models"] as! [[String: Any]]
        change(&entries[0])
        object["models"] = entries
        return object
    }

    @Test("the valid fixture loads")
    func validLoads() throws {
        #expect(try Self.load(Self.valid()).models.count == 1)
    }

    @Test("text that is not JSON is refused in words")
    func notJSON() {
        #expect(throws: CatalogError.self) { try ModelCatalog(json: Data("{ models: [".utf8)) }
        do {
            _ = try ModelCatalog(json: Data([0xff, 0x00, 0x13]))
            Issue.record("garbage loaded")
        } catch {
            #expect(error.description.hasPrefix("The model catalog cannot be read: it is not valid JSON"))
        }
    }

    @Test("a missing version or models list is named")
    func missingTop() {
        #expect(throws: CatalogError.unreadable("it has no \"version\" number.")) { try Self.load(["models": []]) }
        #expect(throws: CatalogError.unreadable("it has no \"models\" list.")) { try Self.load(["version": 1]) }
        #expect(throws: CatalogError.unreadable("it is version 2; this Onramp reads version 1.")) {
            try Self.load(["version": 2, "models": []])
        }
    }

    @Test("a missing field names the entry and the field", arguments: ["layers", "license", "sources", "files", "vocabularySize", "tiedEmbeddings"])
    func missingField(field: String) throws {
        let object = try Self.modifyEntry { $0.removeValue(forKey: field) }
        #expect(throws: CatalogError.missingField(entry: "\"test-1b\"", field: field)) { try Self.load(object) }
    }

    @Test("a missing field inside a file names its place")
    func missingFileField() throws {
        let object = try Self.modifyEntry { entry in
            var files = entry["files"] as! [[String: Any]]
            files[0].removeValue(forKey: "sizeBytes")
            entry["files"] = files
        }
        do {
            _ = try Self.load(object)
            Issue.record("loaded")
        } catch {
            #expect(error == .missingField(entry: "\"test-1b\"", field: "files[0].sizeBytes"))
            #expect(error.description == "The model catalog's entry \"test-1b\" has no \"files[0].sizeBytes\".")
        }
    }

    @Test("an entry without an id is named by its number")
    func noID() throws {
        let object = try Self.modifyEntry { $0.removeValue(forKey: "id") }
        #expect(throws: CatalogError.missingField(entry: "number 1", field: "id")) { try Self.load(object) }
    }

    @Test("a value of the wrong kind is named")
    func wrongType() throws {
        let object = try Self.modifyEntry { $0["layers"] = "sixteen" }
        #expect(throws: CatalogError.wrongType(entry: "\"test-1b\"", field: "layers")) { try Self.load(object) }
        let badUse = try Self.modifyEntry { $0["uses"] = ["chat", "dancing"] }
        #expect(throws: CatalogError.wrongType(entry: "\"test-1b\"", field: "uses[1]")) { try Self.load(badUse) }
    }

    @Test("a size that does not match the parameters is refused")
    func implausibleSize() throws {
        let object = try Self.modifyEntry { entry in
            var files = entry["files"] as! [[String: Any]]
            files[0]["sizeBytes"] = 80_769_446  // a digit lost
            entry["files"] = files
        }
        do {
            _ = try Self.load(object)
            Issue.record("loaded")
        } catch {
            guard case .invalidValue(let entry, let problem) = error else { Issue.record("\(error)"); return }
            #expect(entry == "\"test-1b\"")
            #expect(problem.contains("bits per parameter"))
        }
    }

    @Test("impossible numbers are refused", arguments: [("kvHeadCount", 5), ("layers", 0), ("contextLength", -1)])
    func impossibleNumbers(field: String, value: Int) throws {
        let object = try Self.modifyEntry { $0[field] = value }
        #expect(throws: CatalogError.self) { try Self.load(object) }
    }

    @Test("duplicate ids and files are refused")
    func duplicates() throws {
        var object = try Self.valid()
        let entries = object["models"] as! [[String: Any]]
        object["models"] = entries + entries
        #expect(throws: CatalogError.duplicate(entry: "\"test-1b\"", what: "the id test-1b")) { try Self.load(object) }
    }

    @Test("an entry that is not an object is refused")
    func notAnObject() throws {
        #expect(throws: CatalogError.invalidValue(entry: "number 1", problem: "it is not a JSON object.")) {
            try Self.load(["version": 1, "models": [42]])
        }
    }
}
