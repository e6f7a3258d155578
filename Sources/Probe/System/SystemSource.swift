// The one door through which the probe sees a machine: the live one, a profile being replayed,
// or a live one being recorded into a profile.

public protocol SystemSource: Sendable {
    /// Reads a whole file (a /proc or /sys file, a config file); never follows the probe into a hang.
    func readFile(_ path: String) -> FileRead
    /// Names inside a folder, sorted; nil when it does not exist or cannot be listed.
    func listDirectory(_ path: String) -> [String]?
    /// What is at a path, without following a final symbolic link; nil when nothing is there.
    func fileInfo(_ path: String) -> FileInfo?
    /// Runs a program (argv[0] is its full path) with a time-out; never throws, never hangs.
    func run(_ argv: [String], timeout: Duration) -> CommandResult
    func environment(_ name: String) -> String?
    /// The user running the probe and their groups.
    func currentUser() -> UserFacts?
    /// Size and free space of the file system holding an existing folder.
    func volume(at path: String) -> VolumeSpace?
}

public enum FileRead: Sendable, Equatable {
    case text(String)
    case missing
    /// It exists but reading failed (permissions, a sysfs attribute that errors); the reason in words.
    case unreadable(String)

    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

public enum FileKind: String, Codable, Sendable {
    case file
    case dir
    case link
    case char
    case block
    case other
    /// Exists, but its contents could not be read.
    case unreadable
}

public struct FileInfo: Codable, Sendable, Equatable {
    public var kind: FileKind
    public var owner: String?
    public var group: String?
    /// Permission bits in octal (`0660`).
    public var mode: String?
    /// For a symbolic link: what it points to, as written.
    public var target: String?

    public init(kind: FileKind, owner: String? = nil, group: String? = nil, mode: String? = nil, target: String? = nil) {
        self.kind = kind
        self.owner = owner
        self.group = group
        self.mode = mode
        self.target = target
    }
}

public struct VolumeSpace: Codable, Sendable, Equatable {
    public var path: String
    public var totalBytes: UInt64
    public var availableBytes: UInt64

    public init(path: String, totalBytes: UInt64, availableBytes: UInt64) {
        self.path = path
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
    }
}
