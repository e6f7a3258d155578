// The patterns the `Redactor` replaces that do not depend on whose machine it is: tokens, secret
// variables, proxy credentials, e-mail, MAC/IP addresses, UUIDs, long hex ids and serial numbers.
// Each rule replaces only its named group `s` (the secret), keeping labels such as "Bearer " or
// "Serial Number: " so the text still reads.

import Foundation

/// What a replaced value was; the report counts each kind.
public enum RedactionKind: String, CaseIterable, Codable, Sendable {
    case user, home, host, domain, email, token, secret, credentials, mac, ipv4, ipv6, uuid, serial
    case hexID = "id"

    /// The placeholder's word: `<mac-1>`.
    public var tag: String { rawValue }

    /// user, home and host are one each; every other kind is numbered.
    public var isNumbered: Bool { ![.user, .home, .host].contains(self) }

    /// In the user's words, singular.
    public var noun: String {
        switch self {
        case .user: "user name"
        case .home: "home folder"
        case .host: "host name"
        case .domain: "domain name"
        case .email: "e-mail address"
        case .token: "access token"
        case .secret: "secret variable value"
        case .credentials: "password in an address"
        case .mac: "MAC address"
        case .ipv4: "IPv4 address"
        case .ipv6: "IPv6 address"
        case .uuid: "UUID"
        case .serial: "serial number"
        case .hexID: "long hexadecimal id"
        }
    }
}

/// `@unchecked`: NSRegularExpression is immutable once made and documented as safe to share between threads.
struct RedactionRule: @unchecked Sendable {
    let kind: RedactionKind
    let regex: NSRegularExpression?
    /// Values that match but identify no one (loopback addresses, numbers over 255).
    let keeps: @Sendable (String) -> Bool
    /// Values kept because of what comes before them on their line ("conformanceVersion = 1.3.7.1").
    let keepsAfter: @Sendable (Substring) -> Bool

    init(
        _ kind: RedactionKind, _ pattern: String, keeps: @escaping @Sendable (String) -> Bool = { _ in false },
        keepsAfter: @escaping @Sendable (Substring) -> Bool = { _ in false }
    ) {
        self.kind = kind
        self.regex = try? NSRegularExpression(pattern: pattern)
        self.keeps = keeps
        self.keepsAfter = keepsAfter
    }

    /// Replaces group `s` of every match (the whole match when the pattern has no such group).
    func apply(to text: String, _ placeholder: (RedactionKind, String) -> String) -> String {
        guard let regex else { return text }
        var result = ""
        var cursor = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let named = regex.numberOfCaptureGroups > 0 ? match.range(withName: "s") : match.range
            guard named.location != NSNotFound, let range = Range(named, in: text), range.lowerBound >= cursor else { continue }
            let original = String(text[range])
            guard !original.isEmpty, !keeps(original) else { continue }
            let lineStart = text[..<range.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            guard !keepsAfter(text[lineStart..<range.lowerBound]) else { continue }
            result += text[cursor..<range.lowerBound]
            result += placeholder(kind, original)
            cursor = range.upperBound
        }
        return result + text[cursor...]
    }
}

enum RedactionRules {
    /// Before names: a token or an e-mail address may contain the user's name, and is replaced whole.
    static let leading: [RedactionRule] = [
        RedactionRule(.credentials, "(?i)[a-z][a-z0-9+.-]*://(?<s>[^\\s/@:<>]+(?::[^\\s/@<>]*)?)@"),
        RedactionRule(.token, "(?<![A-Za-z0-9_])(?<s>hf_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})(?![A-Za-z0-9])"),
        RedactionRule(.token, "(?i)\\bbearer\\s+(?<s>[A-Za-z0-9._~+/-]{8,}=*)"),
        RedactionRule(
            .secret,
            "(?<![A-Za-z0-9_])(?:[A-Za-z0-9_]*_)?(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|token|key|secret|password|passwd)(?:_[A-Za-z0-9_]*)?[\"']?[ \\t]*[:=][ \\t]*[\"']?(?<s>[^\\s\"',;<>]+)", keeps: { $0 == "REDACTED" }),
        // A secret given as a command-line flag with a space (`llama-server --api-key KEY` in a unit's
        // ExecStart or a process list); `--api-key=KEY` is the rule above.
        RedactionRule(.secret, "(?i)(?<![A-Za-z0-9_])--?(?:api-key|api_key|hf-token|token|password|passwd)[ \\t]+[\"']?(?<s>[^\\s\"']+)"),
        RedactionRule(.email, "(?<![A-Za-z0-9._%+-])(?<s>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})(?![A-Za-z0-9-])"),
    ]

    /// After names: addresses and hardware ids, which no name contains.
    static let trailing: [RedactionRule] = [
        RedactionRule(.mac, "(?i)(?<![0-9a-f:-])(?<s>[0-9a-f]{2}(?::[0-9a-f]{2}){5}|[0-9a-f]{2}(?:-[0-9a-f]{2}){5})(?![0-9a-f:-])", keeps: { $0 == "00:00:00:00:00:00" }),
        RedactionRule(.uuid, "(?<![0-9A-Za-z])(?:GPU-|MIG-)?(?<s>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![0-9A-Za-z])",
                      keeps: { $0.allSatisfy { $0 == "0" || $0 == "-" } }),
        // Full form (eight groups) or compressed with "::" and at least two groups; letters before or
        // after mean a word ("std::vector"), not an address.
        RedactionRule(.ipv6, "(?i)(?<![0-9a-z:])(?<s>(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*|(?:[0-9a-f]{1,4}:){2,7}:)(?![0-9a-z:])",
                      keeps: { $0.lowercased() == "2001:db8::1" }),
        // Four numbers up to 255; not when part of a version ("5.15.153.1-microsoft", "v1.2.3.4", "so.1.2.3.4").
        RedactionRule(.ipv4, "(?<![0-9A-Za-z.\\-_])(?<s>[0-9]{1,3}(?:\\.[0-9]{1,3}){3})(?![0-9]|\\.[0-9]|-[A-Za-z])", keeps: { text in
            let octets = text.split(separator: ".").compactMap { Int($0) }
            return !(octets.count == 4 && octets.allSatisfy { $0 <= 255 }) || text == "127.0.0.1" || text == "0.0.0.0" || text == "192.0.2.1"
        }, keepsAfter: { before in
            // Only a value that directly follows the word ("conformanceVersion = 1.3.7.1", "Version: …"):
            // an address later on a line that mentions a version ("Linux version … from 10.1.2.3") goes.
            before.range(of: #"(?i)version["']?\s*[:=]?\s*["']?v?$"#, options: .regularExpression) != nil
        }),
        // Container ids (64), machine ids (32): long runs of lower-case hex.
        RedactionRule(.hexID, "(?<![0-9A-Za-z])(?<s>[0-9a-f]{32,64})(?![0-9A-Za-z])", keeps: { $0.allSatisfy { $0 == "0" } }),
        RedactionRule(.serial, "(?im)(?:serial[ _]?number|serial|board[ _]serial|product[ _]serial|chassis[ _]serial)[ \\t]*[:=][ \\t]*(?<s>[^\\s<][^\\n]*?)[ \\t]*$",
                      keeps: { ["REDACTED", "N/A", "[N/A]", "None", "Not Specified", "To Be Filled By O.E.M."].contains($0) }),
    ]
}
