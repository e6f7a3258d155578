// What can be wrong with a catalog file, said so that whoever edits it can find the entry.

public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not JSON at all, or not an object with a `models` list.
    case unreadable(String)
    /// An entry lacks a field (`entry` is its id, or "entry N" when it has none).
    case missingField(entry: String, field: String)
    /// A field has the wrong kind of value.
    case wrongType(entry: String, field: String)
    /// A value is present but cannot be right.
    case invalidValue(entry: String, problem: String)
    case duplicate(entry: String, what: String)

    public var description: String {
        switch self {
        case .unreadable(let why):
            "The model catalog cannot be read: \(why)"
        case .missingField(let entry, let field):
            "The model catalog's entry \(entry) has no \"\(field)\"."
        case .wrongType(let entry, let field):
            "The model catalog's entry \(entry) has the wrong kind of value for \"\(field)\"."
        case .invalidValue(let entry, let problem):
            "The model catalog's entry \(entry) is wrong: \(problem)"
        case .duplicate(let entry, let what):
            "The model catalog lists \(what) twice (second time in entry \(entry))."
        }
    }
}
