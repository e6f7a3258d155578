// Splits "key: value" and "KEY=value" lines, the shape of most /proc files and tool reports.

import Foundation

enum KeyValueText {
    /// `key<separator>value` lines, trimmed; later keys do not replace earlier ones.
    static func pairs(_ text: String, separator: Character) -> [(key: String, value: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard let index = line.firstIndex(of: separator) else { return nil }
            let key = line[..<index].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: index)...].trimmingCharacters(in: .whitespaces)
            return key.isEmpty ? nil : (key, value)
        }
    }

    static func first(_ key: String, in text: String, separator: Character) -> String? {
        pairs(text, separator: separator).first { $0.key == key }?.value
    }
}

extension String {
    /// A version number at the start (`535.183.01`, `12.2`), digits and dots only.
    var leadingVersion: String? {
        let version = prefix { $0.isNumber || $0 == "." }
        let trimmed = version.hasSuffix(".") ? version.dropLast() : version
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The first whitespace-separated word that looks like a dotted version number.
    var firstDottedVersion: String? {
        split(whereSeparator: \.isWhitespace).first { word in
            word.contains(".") && word.first?.isNumber == true && word.allSatisfy { $0.isNumber || $0 == "." }
        }.map(String.init)
    }
}
