// How to fix a finding: steps for each distribution family, with a fallback for the rest.

/// One thing to do: a command to type, or something to do by hand (firmware settings, log out).
public enum FixStep: Sendable, Equatable, Codable {
    case command(String)
    case manual(String)

    private enum CodingKeys: String, CodingKey { case kind, text }

    public var text: String {
        switch self {
        case .command(let text), .manual(let text): text
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .text)
        switch try container.decode(String.self, forKey: .kind) {
        case "command": self = .command(text)
        default: self = .manual(text)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .command(let text):
            try container.encode("command", forKey: .kind)
            try container.encode(text, forKey: .text)
        case .manual(let text):
            try container.encode("manual", forKey: .kind)
            try container.encode(text, forKey: .text)
        }
    }
}

public struct Fix: Sendable, Equatable {
    /// Steps that differ by package manager.
    public var byFamily: [DistroFamily: [FixStep]]
    /// Steps for families without their own, and the steps shared by all when `byFamily` is empty.
    public var everywhere: [FixStep]

    public init(byFamily: [DistroFamily: [FixStep]] = [:], everywhere: [FixStep] = []) {
        self.byFamily = byFamily
        self.everywhere = everywhere
    }

    public static func steps(_ steps: FixStep...) -> Fix { Fix(everywhere: steps) }

    /// The steps for this machine's family.
    public func steps(for family: DistroFamily) -> [FixStep] {
        byFamily[family] ?? everywhere
    }

    /// The same fix with one more step at the end, for every family.
    public func appending(_ step: FixStep) -> Fix {
        Fix(byFamily: byFamily.mapValues { $0 + [step] }, everywhere: everywhere + [step])
    }

    /// Families in a stable order, for documentation that lists them all.
    public var documentedFamilies: [DistroFamily] {
        DistroFamily.allCases.filter { byFamily[$0] != nil }
    }

    /// The same steps before and after a per-family part, e.g. install a package, then log out.
    public static func packages(
        _ packages: [DistroFamily: [String]], before: [FixStep] = [], after: [FixStep] = [],
        otherwise: [FixStep]
    ) -> Fix {
        var byFamily: [DistroFamily: [FixStep]] = [:]
        for (family, names) in packages {
            guard let line = family.installLine(names) else { continue }
            byFamily[family] = before + [.command(line)] + after
        }
        return Fix(byFamily: byFamily, everywhere: before + otherwise + after)
    }
}
