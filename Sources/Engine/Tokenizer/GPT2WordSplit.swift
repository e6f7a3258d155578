// GPT-2's word split, `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`,
// written out by hand with the same results as llama.cpp's hand-written version of that regex.

enum GPT2WordSplit {
    static func split(_ text: ScalarText, _ chunk: Range<Int>, into pieces: inout PieceEnds) {
        pieces.start(at: chunk.lowerBound)
        var position = chunk.lowerBound
        let end = chunk.upperBound
        while position < end {
            let scalar = text.scalars[position]
            let here = text.classes[position]

            if scalar == apostrophe, position + 1 < end {
                let next = text.scalars[position + 1]
                if next == s || next == t || next == m || next == d {
                    position += pieces.add(position + 2)
                    continue
                }
                if position + 2 < end {
                    let after = text.scalars[position + 2]
                    if (next == r && after == e) || (next == v && after == e) || (next == l && after == l) {
                        position += pieces.add(position + 3)
                        continue
                    }
                }
            }

            // An optional leading space joins the run that follows it.
            let runStart = scalar == space ? position + 1 : position
            let runClass = scalar == space ? text.classAt(position + 1, in: chunk) : here
            if runClass.contains(.letter) || runClass.contains(.number) {
                let kind: CharacterClass = runClass.contains(.letter) ? .letter : .number
                position = runStart
                while text.classAt(position, in: chunk).contains(kind) { position += 1 }
                pieces.add(position)
                continue
            }
            if runStart < end && runClass.isOther {
                position = runStart
                while position < end && text.classes[position].isOther { position += 1 }
                pieces.add(position)
                continue
            }

            var spaces = 0
            while text.classAt(position + spaces, in: chunk).contains(.whitespace) { spaces += 1 }
            // \s+(?!\S): a run followed by more text leaves its last space to the next word.
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
