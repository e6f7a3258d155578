// The character classes pre-tokenizers split on — letter, number, whitespace, punctuation — with
// llama.cpp's meaning (its unicode-data tables), so that our splits match its splits exactly.

struct CharacterClass: OptionSet, Sendable {
    let rawValue: UInt8

    /// Unicode categories L* (\p{L}).
    static let letter = CharacterClass(rawValue: 1)
    /// Unicode categories N* (\p{N}).
    static let number = CharacterClass(rawValue: 2)
    /// llama.cpp's whitespace set (Unicode White_Space) (\s).
    static let whitespace = CharacterClass(rawValue: 4)
    /// Unicode categories P* (\p{P}).
    static let punctuation = CharacterClass(rawValue: 8)

    /// Neither whitespace, letter nor number: what `[^\s\p{L}\p{N}]` matches.
    var isOther: Bool { rawValue & 7 == 0 }

    static func of(_ scalar: UInt32) -> CharacterClass {
        if scalar < 0x1_0000 {
            return CharacterClass(rawValue: basicPlane[Int(scalar)])
        }
        return computed(scalar)
    }

    /// Classes of the Basic Multilingual Plane, computed once; other planes are rare enough to compute each time.
    private static let basicPlane: [UInt8] = (0..<0x1_0000).map { computed(UInt32($0)).rawValue }

    private static func computed(_ value: UInt32) -> CharacterClass {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        if isWhitespace(value) { return .whitespace }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber:
            return .number
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        default:
            return []
        }
    }

    /// Exactly llama.cpp's list (Unicode's White_Space property).
    private static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
