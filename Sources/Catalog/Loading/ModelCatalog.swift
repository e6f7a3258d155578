// The list of models Onramp can recommend: read from JSON entry by entry, so a broken entry is
// named in the error, and checked for sense (sizes that fit the parameter count, no duplicates).

import Foundation

public struct ModelCatalog: Sendable, Equatable {
    public let models: [CatalogModel]

    public init(models: [CatalogModel]) throws(CatalogError) {
        try Self.check(models)
        self.models = models
    }

    /// The catalog that ships inside Onramp.
    public static func bundled() throws(CatalogError) -> ModelCatalog {
        try ModelCatalog(json: Data(BundledCatalog.json.utf8))
    }

    /// Reads `{"version": 1, "models": [...]}`.
    public init(json data: Data) throws(CatalogError) {
        let top: Any
        do {
            top = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .unreadable("it is not valid JSON (\(error.localizedDescription)).")
        }
        guard let object = top as? [String: Any] else { throw .unreadable("it is not a JSON object.") }
        guard let version = object["version"] as? Int else { throw .unreadable("it has no \"version\" number.") }
        guard version == 1 else { throw .unreadable("it is version \(version); this Onramp reads version 1.") }
        guard let entries = object["models"] as? [Any] else { throw .unreadable("it has no \"models\" list.") }
        var models: [CatalogModel] = []
        for (index, entry) in entries.enumerated() {
            models.append(try Self.decode(entry, label: Self.label(of: entry, index: index)))
        }
        try self.init(models: models)
    }

    private static func label(of entry: Any, index: Int) -> String {
        if let id = (entry as? [String: Any])?["id"] as? String, !id.isEmpty { return "\"\(id)\"" }
        return "number \(index + 1)"
    }

    private static func decode(_ entry: Any, label: String) throws(CatalogError) -> CatalogModel {
        guard entry is [String: Any], let data = try? JSONSerialization.data(withJSONObject: entry) else {
            throw .invalidValue(entry: label, problem: "it is not a JSON object.")
        }
        do {
            return try JSONDecoder().decode(CatalogModel.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .missingField(entry: label, field: path(context.codingPath + [key]))
        } catch let DecodingError.valueNotFound(_, context) {
            throw .missingField(entry: label, field: path(context.codingPath))
        } catch let DecodingError.typeMismatch(_, context) {
            throw .wrongType(entry: label, field: path(context.codingPath))
        } catch let DecodingError.dataCorrupted(context) {
            throw .wrongType(entry: label, field: path(context.codingPath))
        } catch {
            throw .invalidValue(entry: label, problem: "\(error)")
        }
    }

    /// `files[1].sizeBytes`, as a person would point at it in the file.
    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    private static func check(_ models: [CatalogModel]) throws(CatalogError) {
        var ids = Set<String>()
        var files = Set<String>()
        for model in models {
            let label = "\"\(model.id)\""
            try checkSense(model, label: label)
            guard ids.insert(model.id).inserted else { throw .duplicate(entry: label, what: "the id \(model.id)") }
            for file in model.files {
                let key = "\(file.repository)/\(file.fileName)"
                guard files.insert(key).inserted else { throw .duplicate(entry: label, what: "the file \(key)") }
            }
        }
    }

    private static func checkSense(_ model: CatalogModel, label: String) throws(CatalogError) {
        func require(_ condition: Bool, _ problem: String) throws(CatalogError) {
            if !condition { throw .invalidValue(entry: label, problem: problem) }
        }
        for (name, text) in [("id", model.id), ("name", model.name), ("architecture", model.architecture), ("license", model.license)] {
            try require(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\"\(name)\" is empty.")
        }
        try require(model.parameters > 0, "\"parameters\" must be more than 0.")
        for (name, value) in [
            ("layers", model.layers), ("embeddingLength", model.embeddingLength), ("headCount", model.headCount),
            ("kvHeadCount", model.kvHeadCount), ("headDimension", model.headDimension), ("contextLength", model.contextLength),
            ("vocabularySize", model.vocabularySize),
        ] {
            try require(value > 0 && value <= 1 << 24, "\"\(name)\" must be between 1 and \(1 << 24).")
        }
        try require(model.headCount % model.kvHeadCount == 0, "\"headCount\" must be a multiple of \"kvHeadCount\".")
        // The embedding table (twice when untied) must leave weights for the transformer blocks.
        try require(
            model.promptProductParameters > 0,
            "\"vocabularySize\" × \"embeddingLength\"\(model.tiedEmbeddings ? "" : " × 2 (untied)") is not less than \"parameters\".")
        try require(!model.uses.isEmpty, "\"uses\" is empty.")
        try require(!model.languages.isEmpty, "\"languages\" is empty.")
        try require(!model.sources.isEmpty, "\"sources\" is empty: say where the numbers came from.")
        try require(!model.files.isEmpty, "\"files\" is empty.")
        for file in model.files {
            try require(!file.repository.isEmpty && file.repository.contains("/"), "a file's repository must be owner/name.")
            try require(file.fileName.hasSuffix(".gguf"), "\(file.fileName) is not a .gguf file.")
            try require(file.sizeBytes > 0, "\(file.fileName) has no size.")
            if let sha = file.sha256 {
                try require(sha.count == 64 && sha.allSatisfy(\.isHexDigit), "\(file.fileName)'s sha256 is not 64 hex digits.")
            }
            // A file far from parameters × bits is a typo in the size or the count, or the wrong file.
            let bits = Double(file.sizeBytes) * 8 / Double(model.parameters)
            if let nominal = file.nominalBitsPerWeight {
                try require(
                    bits >= nominal * 0.85 && bits <= nominal * 1.35,
                    "\(file.fileName) is \(file.sizeBytes) bytes, \(String(format: "%.2f", bits)) bits per parameter; "
                        + "\(file.quantization) should be near \(nominal).")
            } else {
                try require(bits >= 2 && bits <= 17, "\(file.fileName) is \(String(format: "%.2f", bits)) bits per parameter.")
            }
        }
    }
}
