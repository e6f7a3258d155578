// Removes what identifies a person or machine from text: user and host names, home folder, domain
// names, MAC/IP addresses, serial numbers and UUIDs, tokens and secret variables, proxy credentials,
// e-mail addresses. The one redaction in Onramp: a capture (`onramp probe --capture`) writes its
// placeholders in the shape of the original, so the profile still replays; the diagnostics report
// numbers them (`<mac-1>`) and counts them through a `RedactionLedger`. Pure: the same input and
// ledger always give the same output.

import Foundation

public struct Redactor: Sendable {
    public var userName: String?
    public var homeFolder: String?
    public var hostName: String?
    /// The machine's domain names (`example.internal`), replaced wherever they appear.
    public var domains: [String]
    /// A user name under 3 letters (`al`): replaced only as a whole path component, and as a whole
    /// word of machine output, never in Onramp's own sentences ("al" would mangle too little to
    /// matter there, but "me" or "it" would mangle everything).
    public var shortUserName: String?

    public static let userPlaceholder = "user"
    public static let homePlaceholder = "/home/user"
    public static let hostPlaceholder = "host"

    /// Names too short or too common to replace without mangling ordinary words.
    private static let keptNames: Set<String> = ["root", "localhost", "user", "host", "ubuntu", "debian"]
    /// Domain names every machine of a kind shares; they identify no one.
    private static let keptDomains: Set<String> = ["localdomain", "home.arpa", "local", "lan", "example.com", "example.invalid"]

    public init(userName: String?, homeFolder: String?, hostName: String?, domains: [String] = []) {
        let name = userName.flatMap { !Self.keptNames.contains($0) && !$0.isEmpty ? $0 : nil }
        self.userName = name.flatMap { $0.count >= 3 ? $0 : nil }
        self.shortUserName = name.flatMap { $0.count < 3 && $0.allSatisfy { $0.isLetter || $0.isNumber } ? $0 : nil }
        // root's home, like root's name, identifies no one.
        self.homeFolder = homeFolder.flatMap { $0.count > 1 && $0 != Self.homePlaceholder && $0 != "/root" ? $0 : nil }
        let host = hostName.flatMap { $0.count >= 3 && !Self.keptNames.contains($0) ? $0 : nil }
        self.hostName = host
        let hostDomain = host.flatMap { host in host.firstIndex(of: ".").map { String(host[host.index(after: $0)...]) } }
        let candidates = (domains + [hostDomain].compactMap { $0 }).map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        var seen = Set<String>()
        self.domains = candidates.filter { $0.contains(".") && $0.count >= 4 && !Self.keptDomains.contains($0) && seen.insert($0).inserted }
            .sorted { $0.count > $1.count }
    }

    /// Everything `identity` names, replaced.
    public init(_ identity: MachineIdentity) {
        self.init(userName: identity.userName, homeFolder: identity.homeFolder, hostName: identity.hostName, domains: identity.domains)
    }

    /// Capture style: placeholders keep the original's shape (`00:00:00:00:00:00`, `192.0.2.1`,
    /// `/home/user`), so parsers of the replayed profile read them as before.
    public func redact(_ text: String) -> String {
        apply(to: text, machineOutput: true) { kind, original in Self.capturePlaceholder(kind, original) }
    }

    /// Report style: `<user>`, `<home>`, `<host>`, and numbered placeholders (`<mac-1>`) that stay
    /// the same for the same value across every string given the same ledger. `machineOutput`:
    /// the text is what the machine or a tool said (facts, evidence), not Onramp's own sentences.
    public func redact(_ text: String, ledger: inout RedactionLedger, machineOutput: Bool = true) -> String {
        apply(to: text, machineOutput: machineOutput) { kind, original in ledger.placeholder(for: kind, original: original) }
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

    /// True for an environment variable whose value is a secret by its name (`HF_TOKEN`, `AWS_SECRET_ACCESS_KEY`).
    public static func isSecretVariable(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["TOKEN", "KEY", "SECRET", "PASSWORD", "PASSWD"].contains { upper == $0 || upper.hasSuffix("_" + $0) || upper.contains("_" + $0 + "_") }
    }

    /// Runs every rule in order; `placeholder` chooses what replaces each sensitive value.
    private func apply(to text: String, machineOutput: Bool, placeholder: (RedactionKind, String) -> String) -> String {
        var result = text
        for rule in RedactionRules.leading { result = rule.apply(to: result, placeholder) }
        if let homeFolder {
            result = RedactionRule(.home, NSRegularExpression.escapedPattern(for: homeFolder) + "(?![A-Za-z0-9_.-])").apply(to: result, placeholder)
        }
        if let hostName {
            result = RedactionRule(.host, Self.wordPattern(hostName)).apply(to: result, placeholder)
            if let short = hostName.split(separator: ".").first.map(String.init), short != hostName, short.count >= 3, !Self.keptNames.contains(short) {
                result = RedactionRule(.host, Self.wordPattern(short)).apply(to: result, placeholder)
            }
        }
        for domain in domains {
            let pattern = "(?i)(?<![A-Za-z0-9-])" + NSRegularExpression.escapedPattern(for: domain) + "(?![A-Za-z0-9-]|\\.[A-Za-z0-9])"
            result = RedactionRule(.domain, pattern).apply(to: result, placeholder)
        }
        if let userName { result = RedactionRule(.user, Self.wordPattern(userName)).apply(to: result, placeholder) }
        if let shortUserName {
            let escaped = NSRegularExpression.escapedPattern(for: shortUserName)
            // A whole path component: "/home/al/x", "/home/al".
            result = RedactionRule(.user, "(?m)(?<=/)" + escaped + "(?=/|$|[\\s:\"',;)\\]])").apply(to: result, placeholder)
            if machineOutput { result = RedactionRule(.user, Self.wordPattern(shortUserName)).apply(to: result, placeholder) }
        }
        for rule in RedactionRules.trailing { result = rule.apply(to: result, placeholder) }
        return result
    }

    private static func wordPattern(_ word: String) -> String {
        "(?<![A-Za-z0-9_.-])" + NSRegularExpression.escapedPattern(for: word) + "(?![A-Za-z0-9_-])"
    }

    /// Capture placeholders: the same shape as what they replace.
    static func capturePlaceholder(_ kind: RedactionKind, _ original: String) -> String {
        switch kind {
        case .user: userPlaceholder
        case .home: homePlaceholder
        case .host: hostPlaceholder
        case .domain: "example.invalid"
        case .mac: "00:00:00:00:00:00"
        case .ipv4: "192.0.2.1"
        case .ipv6: "2001:db8::1"
        case .email: "user@example.invalid"
        case .hexID: String(repeating: "0", count: original.count)
        case .serial, .uuid, .token, .secret, .credentials: "REDACTED"
        }
    }
}
