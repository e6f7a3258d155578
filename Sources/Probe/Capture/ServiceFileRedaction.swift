// A capture rule for systemd unit files and drop-ins: `Environment=` values that may hold a secret
// (tokens, keys, passwords, proxies with credentials) are replaced before the file leaves the
// machine; the rest goes through the usual redaction.

extension Redactor {
    /// Unit files and drop-ins of system services (`/etc/systemd/system/ollama.service.d/override.conf`).
    public static func isServiceFile(_ path: String) -> Bool {
        path.contains("/systemd/") && (path.hasSuffix(".service") || path.hasSuffix(".conf"))
    }

    public func redactServiceFile(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("Environment=") else { return String(line) }
            let value = String(trimmed.dropFirst("Environment=".count))
            let words = SystemdUnitReader.words(value).map { word -> String in
                guard let equals = word.firstIndex(of: "=") else { return word }
                let name = String(word[..<equals])
                return name + "=" + (ProbeSession.mayHoldSecret(name) ? "<redacted>" : String(word[word.index(after: equals)...]))
            }
            return "Environment=" + words.map { "\"" + $0 + "\"" }.joined(separator: " ")
        }
        return redact(lines.joined(separator: "\n"))
    }
}
