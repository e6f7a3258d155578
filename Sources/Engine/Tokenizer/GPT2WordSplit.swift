// GPT-2's word split, `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`,
// written out by hand with the same results as llama.cpp's hand-written version of that regex.

enum GPT2WordSplit {
    static func split(_ text: ScalarText, _ chunk: Range<Int>, into pieces: inout PieceEnds) {
        pieces.start(at: chunk.lowerBound)
        var position = chunk.lowerBound
        let end = chunk.upperBound
        while position < end {
            let contraction = WordSplitParts.contractionLength(text, at: position, end: end, ignoringCase: false)
            if contraction > 0 {
                position += pieces.add(position + contraction)
                continue
            }

            // An optional leading space joins the run that follows it.
            let startsWithSpace = text.scalars[position] == space
            let runStart = startsWithSpace ? position + 1 : position
            let runClass = startsWithSpace ? text.classAt(position + 1, in: chunk) : text.classes[position]
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

            position = WordSplitParts.whitespaceEnd(text, at: position, in: chunk)
            pieces.add(position)
        }
    }

    private static let space = UInt32(UInt8(ascii: " "))
}
