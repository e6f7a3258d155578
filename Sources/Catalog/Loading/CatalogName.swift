// A catalog name as people type it (`llama-3.2-1b-instruct`, `smollm2-135m-instruct:q8_0`) turned
// into the model and file it means, or, when it means nothing, the closest names to offer instead.

import Foundation

public enum CatalogNameMatch: Equatable, Sendable {
    case found(CatalogModel, ModelFile)
    /// No model has this id; `suggestions` are the closest ids, best first (may be empty).
    case unknownModel(suggestions: [String])
    /// The model exists but has no file of that quantisation.
    case unknownQuantization(CatalogModel, available: [String])
}

extension ModelCatalog {
    /// `ID` or `ID:QUANT`, ignoring case. Without a quantisation the file the recommender would
    /// choose first is taken (Q4_K_M before Q5_K_M … before Q8_0).
    public func lookUp(name text: String) -> CatalogNameMatch {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let id = parts[0]
        let quantization = parts.count > 1 ? parts[1] : nil
        guard let model = models.first(where: { $0.id.lowercased() == id }) else {
            return .unknownModel(suggestions: Self.closest(to: id, among: models.map(\.id)))
        }
        if let quantization {
            if let file = model.files.first(where: { $0.quantization.lowercased() == quantization }) {
                return .found(model, file)
            }
            return .unknownQuantization(model, available: model.files.map(\.quantization))
        }
        let preferred = Recommender.quantizationPreference.compactMap { wanted in
            model.files.first { $0.quantization == wanted }
        }
        guard let file = preferred.first ?? model.files.first else {
            return .unknownQuantization(model, available: [])
        }
        return .found(model, file)
    }

    /// Up to three ids near `typed`: those that contain it or that it contains (a short form such as
    /// `smollm2-135m`), or else those within a few edits of it (a typo), nearest first.
    static func closest(to typed: String, among ids: [String]) -> [String] {
        guard !typed.isEmpty else { return [] }
        let containing = ids.filter { id in
            let lower = id.lowercased()
            return lower.contains(typed) || (typed.count >= 4 && typed.contains(lower))
        }
        if !containing.isEmpty {
            return containing.sorted { ($0.count, $0) < ($1.count, $1) }.prefix(3).map { $0 }
        }
        // Against the whole id and against its start, so a short form with a typo (`smollm3`) is near too.
        let allowed = max(2, typed.count / 4)
        let near = ids.map { id in
            let lower = id.lowercased()
            return (id: id, distance: min(editDistance(typed, lower), editDistance(typed, String(lower.prefix(typed.count)))))
        }.filter { $0.distance <= allowed }
        return near.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(3).map(\.id)
    }

    /// Levenshtein distance over characters: insertions, deletions and substitutions cost one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
