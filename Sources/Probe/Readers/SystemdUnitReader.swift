// Reads the settings of a systemd unit that matter to the doctor: `Environment=` assignments (with
// systemd's quoting, several per line, an empty one clearing the list) and `User=`.

public enum SystemdUnitReader {
    /// `Environment=` assignments of the `[Service]` section, in order; an empty `Environment=` line
    /// clears what came before, as systemd does.
    public static func environment(_ text: String) -> [(name: String, value: String)] {
        var assignments: [(name: String, value: String)] = []
        for value in serviceValues(of: "Environment", in: text) {
            let words = words(value)
            if words.isEmpty {
                assignments.removeAll()
                continue
            }
            for word in words {
                guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { continue }
                assignments.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
            }
        }
        return assignments
    }

    /// The last `User=` of the `[Service]` section.
    public static func user(_ text: String) -> String? {
        serviceValues(of: "User", in: text).last.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Names set by `Environment=` lines outside `[Service]` (a drop-in that lacks its header):
    /// systemd ignores them, which is easy to miss.
    public static func environmentOutsideService(_ text: String) -> [String] {
        values(of: "Environment", in: text, section: { $0 != "[Service]" }).flatMap { value in
            words(value).compactMap { word in word.firstIndex(of: "=").map { String(word[..<$0]) } }
        }
    }

    /// Values of `key=` lines inside `[Service]`, continuation lines joined, comments skipped.
    static func serviceValues(of key: String, in text: String) -> [String] {
        values(of: key, in: text, section: { $0 == "[Service]" })
    }

    private static func values(of key: String, in text: String, section wanted: (String) -> Bool) -> [String] {
        var values: [String] = []
        var section = ""
        var pending = ""
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = pending + raw.trimmingCharacters(in: .whitespaces)
            pending = ""
            if line.hasSuffix("\\") {
                line.removeLast()
                pending = line + " "
                continue
            }
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                section = line
                continue
            }
            guard wanted(section), let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard name == key else { continue }
            values.append(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
        }
        return values
    }

    /// Splits on spaces outside double or single quotes; the quotes themselves are dropped.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
