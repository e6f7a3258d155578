// The key-value settings at the start of a GGUF file (architecture, sizes, tokenizer),
// in file order, with typed accessors that explain a missing or mistyped key.

public struct GGUFMetadata: Sendable {
    /// Keys in the order the file lists them.
    public let keys: [String]
    private let values: [GGUFValue]
    private let index: [String: Int]
    /// The file's name, so accessor errors can say which file is wrong.
    let fileName: String

    init(entries: [(String, GGUFValue)], fileName: String) {
        keys = entries.map(\.0)
        values = entries.map(\.1)
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() { index[entry.0] = position }
        self.index = index
        self.fileName = fileName
    }

    public var count: Int { keys.count }

    subscript(key: String) -> GGUFValue? {
        index[key].map { values[$0] }
    }

    /// Every entry in file order.
    var entries: [(key: String, value: GGUFValue)] {
        zip(keys, values).map { (key: $0, value: $1) }
    }

    // MARK: Required keys: absent or mistyped is an error.

    public func string(_ key: String) throws(GGUFError) -> String {
        try require(key, stringIfPresent(key))
    }

    func integer(_ key: String) throws(GGUFError) -> Int {
        try require(key, integerIfPresent(key))
    }

    public func float(_ key: String) throws(GGUFError) -> Float {
        try require(key, floatIfPresent(key))
    }

    func bool(_ key: String) throws(GGUFError) -> Bool {
        try require(key, boolIfPresent(key))
    }

    func stringArray(_ key: String) throws(GGUFError) -> [String] {
        try require(key, stringArrayIfPresent(key))
    }

    func integerArray(_ key: String) throws(GGUFError) -> [Int] {
        try require(key, integerArrayIfPresent(key))
    }

    func floatArray(_ key: String) throws(GGUFError) -> [Float] {
        try require(key, floatArrayIfPresent(key))
    }

    // MARK: Optional keys: nil when absent, an error when present with the wrong type.

    public func stringIfPresent(_ key: String) throws(GGUFError) -> String? {
        guard let value = self[key] else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, value, expected: "text") }
        return text
    }

    /// Any integer type, checked to fit in `Int`.
    func integerIfPresent(_ key: String) throws(GGUFError) -> Int? {
        guard let value = self[key] else { return nil }
        let wide: Int64?
        switch value {
        case .uint8(let v): wide = Int64(v)
        case .int8(let v): wide = Int64(v)
        case .uint16(let v): wide = Int64(v)
        case .int16(let v): wide = Int64(v)
        case .uint32(let v): wide = Int64(v)
        case .int32(let v): wide = Int64(v)
        case .int64(let v): wide = v
        case .uint64(let v):
            guard let fits = Int64(exactly: v) else {
                throw GGUFError(.badMetadataValue, "\(fileName): setting '\(key)' is \(ByteCountText.count(v)), too large to be a sensible size. \(GGUFError.damagedAdvice)")
            }
            wide = fits
        default: wide = nil
        }
        guard let wide, let result = Int(exactly: wide) else { throw wrongType(key, value, expected: "a whole number") }
        return result
    }

    /// A float of either width; whole numbers are accepted too, since some converters write them.
    func floatIfPresent(_ key: String) throws(GGUFError) -> Float? {
        guard let value = self[key] else { return nil }
        switch value {
        case .float32(let v): return v
        case .float64(let v): return Float(v)
        case .bool, .string, .array: throw wrongType(key, value, expected: "a number")
        default: return try integerIfPresent(key).map(Float.init)
        }
    }

    func boolIfPresent(_ key: String) throws(GGUFError) -> Bool? {
        guard let value = self[key] else { return nil }
        guard case .bool(let flag) = value else { throw wrongType(key, value, expected: "true or false") }
        return flag
    }

    func stringArrayIfPresent(_ key: String) throws(GGUFError) -> [String]? {
        guard let value = self[key] else { return nil }
        guard case .array(.string(let texts)) = value else { throw wrongType(key, value, expected: "a list of texts") }
        return texts
    }

    func integerArrayIfPresent(_ key: String) throws(GGUFError) -> [Int]? {
        guard let value = self[key] else { return nil }
        guard case .array(let array) = value else { throw wrongType(key, value, expected: "a list of whole numbers") }
        switch array {
        case .uint8(let a): return a.map(Int.init)
        case .int8(let a): return a.map(Int.init)
        case .uint16(let a): return a.map(Int.init)
        case .int16(let a): return a.map(Int.init)
        case .uint32(let a): return a.map(Int.init)
        case .int32(let a): return a.map(Int.init)
        case .int64(let a): return a.map(Int.init)
        case .uint64(let a):
            var result: [Int] = []
            result.reserveCapacity(a.count)
            for element in a {
                guard let fits = Int(exactly: element) else {
                    throw GGUFError(.badMetadataValue, "\(fileName): list '\(key)' holds \(ByteCountText.count(element)), too large to be a sensible value. \(GGUFError.damagedAdvice)")
                }
                result.append(fits)
            }
            return result
        default: throw wrongType(key, value, expected: "a list of whole numbers")
        }
    }

    func floatArrayIfPresent(_ key: String) throws(GGUFError) -> [Float]? {
        guard let value = self[key] else { return nil }
        switch value {
        case .array(.float32(let a)): return a
        case .array(.float64(let a)): return a.map(Float.init)
        default: throw wrongType(key, value, expected: "a list of numbers")
        }
    }

    // MARK: Messages

    private func require<T>(_ key: String, _ value: T?) throws(GGUFError) -> T {
        guard let value else {
            throw GGUFError(.missingMetadata, "\(fileName) has no '\(key)' setting, which Onramp needs to run the model. The file was probably made by an old or unusual converter; download a current GGUF of this model.")
        }
        return value
    }

    private func wrongType(_ key: String, _ value: GGUFValue, expected: String) -> GGUFError {
        GGUFError(.wrongMetadataType, "\(fileName): setting '\(key)' should be \(expected) but is of type \(value.typeName). \(GGUFError.damagedAdvice)")
    }
}
