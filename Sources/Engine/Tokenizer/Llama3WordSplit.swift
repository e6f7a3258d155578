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

            let contraction = WordSplitParts.contractionLength(text, at: position, end: end, ignoringCase: true)
            if contraction > 0 {
                position += pieces.add(position + contraction)
                continue
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

            // \s*[\r\n]+ : whitespace up to and including the last line break in the run.
            var afterLastLineBreak = 0
            var probe = position
            while text.classAt(probe, in: chunk).contains(.whitespace) {
                if isLineBreak(text.scalars[probe]) { afterLastLineBreak = probe + 1 }
                probe += 1
            }
            position = afterLastLineBreak > 0 ? afterLastLineBreak : WordSplitParts.whitespaceEnd(text, at: position, in: chunk)
            pieces.add(position)
        }
    }

    @inline(__always)
    private static func isLineBreak(_ scalar: UInt32) -> Bool {
        scalar == 0x0A || scalar == 0x0D
    }

    private static let space = UInt32(UInt8(ascii: " "))
}
