// LM Studio as another runtime: where it keeps models (its settings may move them off the home
// disk) and the free space there, and the port its local server is set to.

public struct LMStudioFacts: Codable, Sendable, Equatable {
    /// Its home folder (`~/.lmstudio`, or `~/.cache/lm-studio` for older versions).
    public var home: String
    /// Where it keeps models.
    public var modelsFolder: String
    /// Why that folder, in words: "downloadsFolder in its settings" or "its default".
    public var reason: String
    /// The nearest folder at or above `modelsFolder` whose disk could be measured.
    public var measuredPath: String?
    public var totalBytes: UInt64?
    public var availableBytes: UInt64?
    /// The port its local server is set to (1234 unless changed).
    public var serverPort: Int?

    public init(home: String, modelsFolder: String, reason: String) {
        self.home = home
        self.modelsFolder = modelsFolder
        self.reason = reason
    }
}
