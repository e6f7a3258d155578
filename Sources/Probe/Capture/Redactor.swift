// Removes what identifies a person or machine from captured text: user and host names, home folder,
// MAC and IP addresses, serial numbers, proxy settings. Pure: the same input always gives the same output.

import Foundation

public struct Redactor: Sendable {
    public var userName: String?
    public var homeFolder: String?
    public var hostName: String?

    public static let userPlaceholder = "user"
    public static let homePlaceholder = "/home/user"
    public static let hostPlaceholder = "host"

    /// Names too short or too common to replace without mangling ordinary words.
    private static let keptNames: Set<String> = ["root", "localhost", "user", "host", "ubuntu", "debian"]

    public init(userName: String?, homeFolder: String?, hostName: String?) {
        self.userName = userName.flatMap { $0.count >= 2 && !Self.keptNames.contains($0) ? $0 : nil }
        // root's home, like root's name, identifies no one.
        self.homeFolder = homeFolder.flatMap { $0.count > 1 && $0 != Self.homePlaceholder && $0 != "/root" ? $0 : nil }
        self.hostName = hostName.flatMap { $0.count >= 3 && !Self.keptNames.contains($0) ? $0 : nil }
    }

    public func redact(_ text: String) -> String {
        var result = text
        if let homeFolder { result = replacePath(homeFolder, with: Self.homePlaceholder, in: result) }
        if let userName { result = replaceWord(userName, with: Self.userPlaceholder, in: result) }
        if let hostName { result = replaceWord(hostName, with: Self.hostPlaceholder, in: result) }
        result = Self.replace(Self.mac, in: result) { _ in "00:00:00:00:00:00" }
        result = Self.replace(Self.ipv4, in: result) { text in
            let octets = text.split(separator: ".").compactMap { Int($0) }
            let isAddress = octets.count == 4 && octets.allSatisfy { $0 <= 255 }
            return isAddress && text != "127.0.0.1" && text != "0.0.0.0" ? "192.0.2.1" : text
        }
        result = Self.replace(Self.serialLine, in: result) { text in
            let separator = text.firstIndex { $0 == ":" || $0 == "=" } ?? text.startIndex
            return String(text[...separator]) + " REDACTED"
        }
        result = Self.replace(Self.gpuUUID, in: result) { _ in "GPU-REDACTED" }
        return result
    }

    /// Only LISTEN rows of /proc/net/tcp matter to the probe; every address in them becomes zero.
    public func redactSocketTable(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        let header = lines.removeFirst()
        let kept = lines.compactMap { line -> String? in
            var fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count > 3, fields[3] == "0A" else { return nil }
            for index in [1, 2] {
                let parts = fields[index].split(separator: ":")
                guard parts.count == 2 else { continue }
                fields[index] = String(repeating: "0", count: parts[0].count) + ":" + parts[1]
            }
            return "   " + fields.joined(separator: " ")
        }
        return ([header] + kept).joined(separator: "\n") + "\n"
    }

    private func replaceWord(_ word: String, with replacement: String, in text: String) -> String {
        let pattern = "(?<![A-Za-z0-9_.-])" + NSRegularExpression.escapedPattern(for: word) + "(?![A-Za-z0-9_-])"
        return Self.replace(pattern, in: text) { _ in replacement }
    }

    /// A home folder only where it is a whole path component ("/home/ann" but not "/home/anna").
    private func replacePath(_ path: String, with replacement: String, in text: String) -> String {
        Self.replace(NSRegularExpression.escapedPattern(for: path) + "(?![A-Za-z0-9_.-])", in: text) { _ in replacement }
    }

    private static func replace(_ pattern: String, in text: String, with transform: (String) -> String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        let whole = NSRange(text.startIndex..., in: text)
        var result = ""
        var cursor = text.startIndex
        for match in regex.matches(in: text, range: whole) {
            guard let range = Range(match.range, in: text) else { continue }
            result += text[cursor..<range.lowerBound]
            result += transform(String(text[range]))
            cursor = range.upperBound
        }
        return result + text[cursor...]
    }

    private static let mac = "(?i)(?<![0-9a-f:])[0-9a-f]{2}(?::[0-9a-f]{2}){5}(?![0-9a-f:])"
    private static let ipv4 = "(?<![0-9.])[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?![0-9.])"
    private static let serialLine = "(?im)(?:serial[ _]?number|serial)[ \\t]*[:=][ \\t]*\\S[^\\n]*"
    private static let gpuUUID = "GPU-[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}"
}
