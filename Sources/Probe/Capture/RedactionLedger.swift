// Remembers which value got which numbered placeholder, so the same MAC address is `<mac-1>` in
// every line of a report, and counts what was replaced for the report's closing note.

public struct RedactionLedger: Sendable, Equatable {
    /// Each kind's distinct values, in the order they were first seen (index + 1 is the number).
    private var values: [RedactionKind: [String]] = [:]
    private var occurrences: [RedactionKind: Int] = [:]

    public init() {}

    /// `<user>`, `<home>`, `<host>`, or `<KIND-N>` with N fixed by the first time the value was seen.
    public mutating func placeholder(for kind: RedactionKind, original: String) -> String {
        occurrences[kind, default: 0] += 1
        guard kind.isNumbered else {
            if values[kind]?.contains(original) != true { values[kind, default: []].append(original) }
            return "<\(kind.tag)>"
        }
        var seen = values[kind, default: []]
        let number: Int
        if let index = seen.firstIndex(of: original) {
            number = index + 1
        } else {
            seen.append(original)
            number = seen.count
            values[kind] = seen
        }
        return "<\(kind.tag)-\(number)>"
    }

    /// Per kind that occurred: how many different values, and how many places.
    public var tally: [RedactionCount] {
        RedactionKind.allCases.compactMap { kind in
            guard let places = occurrences[kind], places > 0 else { return nil }
            return RedactionCount(kind: kind, values: values[kind]?.count ?? 0, places: places)
        }
    }

    /// Every original value replaced so far (for tests that check none survives).
    public var originals: [String] { RedactionKind.allCases.flatMap { values[$0] ?? [] } }
}

public struct RedactionCount: Codable, Sendable, Equatable {
    public var kind: RedactionKind
    /// Different values replaced.
    public var values: Int
    /// Places they were replaced in.
    public var places: Int

    public init(kind: RedactionKind, values: Int, places: Int) {
        self.kind = kind
        self.values = values
        self.places = places
    }
}
