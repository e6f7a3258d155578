// Recent kernel messages about graphics drivers (NVRM/Xid, nouveau, amdgpu, i915/xe), module
// signing and suspend: only the matching lines are kept, in a capture as in the facts.

public struct KernelMessagesFacts: Codable, Sendable, Equatable {
    /// Where they were read: `dmesg` or `journalctl -k`.
    public var source: String
    /// The matching lines of the current boot, oldest first, at most `KernelMessagesReader.keptLines`.
    public var lines: [String]

    public init(source: String, lines: [String] = []) {
        self.source = source
        self.lines = lines
    }

    /// The lines containing any of `words` (case-insensitive).
    public func lines(containing words: [String]) -> [String] {
        lines.filter { line in
            let lowered = line.lowercased()
            return words.contains { lowered.contains($0.lowercased()) }
        }
    }
}
