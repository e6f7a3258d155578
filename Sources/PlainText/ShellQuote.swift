// Quotes a word for a POSIX shell only when it needs it, so shown commands copy-paste correctly.

public enum ShellQuote {
    public static func quote(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))
                || "-_./=:,+@%".unicodeScalars.contains(scalar))
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// An argv as a person would type it.
    public static func line(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }
}
