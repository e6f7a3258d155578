// Llama 3's word split, `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
// ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`, by hand. Qwen 2 uses the same expression with
// single digits (`\p{N}` instead of `\p{N}{1,3}`), so the digit group size is a parameter.

enum Llama3WordSplit {
    static func split(_ text: ScalarText, _ chunk: Range<Int>, digitGroup: Int, into pieces: inout PieceEnds) {
        pieces.start(at: chunk.lowerBound)
        var position = chunk.lowerBound
        let end = chunk.upperBound
        while position < end {
            let scalar = text.scalars[position]
            let here = text.classes[position]

            if scalar == apostrophe, position + 1 < end {
                let next = lowercased(text.scalars[position + 1])
                if next == s || next == t || next == m || next == d {
                    position += pieces.add(position + 2)
                    continue
                }
                if position + 2 < end {
                    let after = lowercased(text.scalars[position + 2])
                    if (next == r && after == e) || (next == v && after == e) || (next == l && after == l) {
                        position += pieces.add(position + 3)
                        continue
                    }
                }
            }

            // [^\r\n\p{L}\p{N}]?\p{L}+ : a word with at most one non-letter in front (" word", "(word").
            if !isLineBreak(scalar) && !here.contains(.number) {
                if here.contains(.letter) || text.classAt(position + 1, in: chunk).contains(.letter) {
                    position += 1
                    while text.classAt(position, in: chunk).contains(.letter) { position += 1 }
                    pieces.add(position)
                    continue
                }
            }

            if here.contains(.number) {
                var groupStart = position
                while text.classAt(position, in: chunk).contains(.number) {
                    position += 1
                    if position - groupStart >= digitGroup {
                        pieces.add(position)
                        groupStart = position
                    }
                }
                pieces.add(position)
                continue
            }

            // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
            let runStart = scalar == space ? position + 1 : position
            let runClass = scalar == space ? text.classAt(position + 1, in: chunk) : here
            if runClass.isOther {
                position = runStart
                while position < end && text.classes[position].isOther { position += 1 }
                while position < end && isLineBreak(text.scalars[position]) { position += 1 }
                pieces.add(position)
                continue
            }

            var spaces = 0
            var afterLastLineBreak = 0
            while text.classAt(position + spaces, in: chunk).contains(.whitespace) {
                if isLineBreak(text.scalars[position + spaces]) {
                    afterLastLineBreak = position + spaces + 1
                }
                spaces += 1
            }
            // \s*[\r\n]+ : whitespace up to and including the last line break.
            if afterLastLineBreak > 0 {
                position = afterLastLineBreak
                pieces.add(position)
                continue
            }
            if spaces > 1 && position + spaces < end {
                position += spaces - 1
                pieces.add(position)
                continue
            }
            if spaces > 0 {
                position += spaces
                pieces.add(position)
                continue
            }
            position += 1
            pieces.add(position)
        }
    }

    @inline(__always)
    private static func isLineBreak(_ scalar: UInt32) -> Bool {
        scalar == 0x0A || scalar == 0x0D
    }

    /// ASCII lower-casing is all the contractions need: no other letter lower-cases to s, t, m, d, r, e, v or l.
    @inline(__always)
    private static func lowercased(_ scalar: UInt32) -> UInt32 {
        (0x41...0x5A).contains(scalar) ? scalar + 0x20 : scalar
    }

    private static let apostrophe = UInt32(UInt8(ascii: "'"))
    private static let space = UInt32(UInt8(ascii: " "))
    private static let s = UInt32(UInt8(ascii: "s"))
    private static let t = UInt32(UInt8(ascii: "t"))
    private static let m = UInt32(UInt8(ascii: "m"))
    private static let d = UInt32(UInt8(ascii: "d"))
    private static let r = UInt32(UInt8(ascii: "r"))
    private static let e = UInt32(UInt8(ascii: "e"))
    private static let v = UInt32(UInt8(ascii: "v"))
    private static let l = UInt32(UInt8(ascii: "l"))
}
