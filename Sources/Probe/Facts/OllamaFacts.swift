// How the Ollama service is set up and where it keeps its models: the service's unit and drop-ins,
// and the folder, its disk and any downloads it left unfinished.

public struct OllamaServiceFacts: Codable, Sendable, Equatable {
    /// The unit file and its drop-ins that were read, in the order systemd applies them.
    public var unitFiles: [String]
    /// `Environment=` settings of the service, the later ones winning, as `NAME=value` (secrets removed).
    public var environment: [String]
    /// `User=` of the service (the installer's unit says `ollama`).
    public var user: String?
    /// `ProtectHome=` (Arch's unit says `yes`: the service cannot see /home at all).
    public var protectHome: String?
    /// Settings systemd ignores: `FILE: NAME` for `Environment=` lines outside `[Service]`.
    public var ignoredSettings: [String]?

    public init(unitFiles: [String] = [], environment: [String] = [], user: String? = nil) {
        self.unitFiles = unitFiles
        self.environment = environment
        self.user = user
    }

    /// The value the service sees for one variable.
    public func value(of name: String) -> String? {
        environment.last { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }
}

public struct OllamaModelsFacts: Codable, Sendable, Equatable {
    /// The folder Ollama keeps models in.
    public var path: String
    /// Why that folder, in words: "OLLAMA_MODELS in the service", "the service's default".
    public var reason: String
    /// Whether this is the service's folder (fixes then need sudo and the service's user).
    public var forService: Bool
    /// The nearest folder at or above `path` whose disk could be measured.
    public var measuredPath: String?
    public var totalBytes: UInt64?
    public var availableBytes: UInt64?
    /// false when the folder exists but this user may not look inside (the service's own home).
    public var readable: Bool?
    /// Unfinished downloads (`*-partial*` blobs) in it; nil when it could not be listed.
    public var partialDownloads: Int?
    /// A folder on the way to `path` that the service's user may not pass through (no execute
    /// permission for others, not its own), with its mode: the service cannot reach its models.
    public var closedFolder: String?
    public var closedFolderMode: String?

    public init(
        path: String, reason: String, forService: Bool, measuredPath: String? = nil, totalBytes: UInt64? = nil,
        availableBytes: UInt64? = nil, readable: Bool? = nil, partialDownloads: Int? = nil
    ) {
        self.path = path
        self.reason = reason
        self.forService = forService
        self.measuredPath = measuredPath
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
        self.readable = readable
        self.partialDownloads = partialDownloads
    }
}
