// Pieces of grammar that GPT-2's and Llama 3's word splits share: English contractions and the
// whitespace rule `\s+(?!\S)|\s+` (a run of spaces leaves its last one to the word after it).

enum WordSplitParts {
    /// The length of the contraction ('s 't 're 've 'm 'll 'd) at `position`, or 0.
    /// Llama 3 also accepts upper case ('S, 'LL); GPT-2 does not.
    static func contractionLength(_ text: ScalarText, at position: Int, end: Int, ignoringCase: Bool) -> Int {
        guard text.scalars[position] == apostrophe, position + 1 < end else { return 0 }
        let next = letter(text.scalars[position + 1], ignoringCase)
        if next == s || next == t || next == m || next == d {
            return 2
        }
        guard position + 2 < end else { return 0 }
        let after = letter(text.scalars[position + 2], ignoringCase)
        if (next == r && after == e) || (next == v && after == e) || (next == l && after == l) {
            return 3
        }
        return 0
    }

    /// Where the whitespace starting at `position` ends as a piece; a lone other character is a piece too.
    static func whitespaceEnd(_ text: ScalarText, at position: Int, in chunk: Range<Int>) -> Int {
        var spaces = 0
        while text.classAt(position + spaces, in: chunk).contains(.whitespace) { spaces += 1 }
        if spaces > 1 && position + spaces < chunk.upperBound {
            return position + spaces - 1
        }
        return position + max(spaces, 1)
    }

    /// ASCII lower-casing is all contractions need: no other letter lower-cases to s, t, m, d, r, e, v or l.
    @inline(__always)
    private static func letter(_ scalar: UInt32, _ ignoringCase: Bool) -> UInt32 {
        ignoringCase && (0x41...0x5A).contains(scalar) ? scalar + 0x20 : scalar
    }

    private static let apostrophe = UInt32(UInt8(ascii: "'"))
    private static let s = UInt32(UInt8(ascii: "s"))
    private static let t = UInt32(UInt8(ascii: "t"))
    private static let m = UInt32(UInt8(ascii: "m"))
    private static let d = UInt32(UInt8(ascii: "d"))
    private static let r = UInt32(UInt8(ascii: "r"))
    private static let e = UInt32(UInt8(ascii: "e"))
    private static let v = UInt32(UInt8(ascii: "v"))
    private static let l = UInt32(UInt8(ascii: "l"))
}
