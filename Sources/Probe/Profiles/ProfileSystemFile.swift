// `system.json` of a profile: what the probe learned that is not a file (see docs/profiles.md).

public struct ProfileSystemFile: Codable, Sendable, Equatable {
    public var environment: [String: String]
    public var user: UserFacts?
    public var volumes: [VolumeSpace]
    public var entries: [String: FileInfo]

    public init(
        environment: [String: String] = [:], user: UserFacts? = nil, volumes: [VolumeSpace] = [],
        entries: [String: FileInfo] = [:]
    ) {
        self.environment = environment
        self.user = user
        self.volumes = volumes
        self.entries = entries
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        environment = try container.decodeIfPresent([String: String].self, forKey: .environment) ?? [:]
        user = try container.decodeIfPresent(UserFacts.self, forKey: .user)
        volumes = try container.decodeIfPresent([VolumeSpace].self, forKey: .volumes) ?? []
        entries = try container.decodeIfPresent([String: FileInfo].self, forKey: .entries) ?? [:]
    }
}

/// `profile.json`: what the machine is and what the doctor should find on it.
public struct ProfileDescription: Codable, Sendable, Equatable {
    public var description: String
    public var expectedFindings: [String]

    public init(description: String, expectedFindings: [String] = []) {
        self.description = description
        self.expectedFindings = expectedFindings
    }
}
