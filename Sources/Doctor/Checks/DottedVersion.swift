// Versions like `535.183.01` or `12.4`, compared number by number (not as text: 9 < 10).

struct DottedVersion: Comparable, CustomStringConvertible, Sendable {
    var parts: [Int]

    /// nil when any part is not a small non-negative number.
    init?(_ text: String) {
        let pieces = text.trimmingSpaces().split(separator: ".", omittingEmptySubsequences: false)
        var parts: [Int] = []
        for piece in pieces {
            guard !piece.isEmpty, piece.count <= 9, let value = Int(piece), value >= 0 else { return nil }
            parts.append(value)
        }
        guard !parts.isEmpty else { return nil }
        self.parts = parts
    }

    init(_ parts: Int...) { self.parts = parts }

    var description: String { parts.map(String.init).joined(separator: ".") }

    static func < (lhs: DottedVersion, rhs: DottedVersion) -> Bool {
        for index in 0..<max(lhs.parts.count, rhs.parts.count) {
            let left = index < lhs.parts.count ? lhs.parts[index] : 0
            let right = index < rhs.parts.count ? rhs.parts[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    static func == (lhs: DottedVersion, rhs: DottedVersion) -> Bool { !(lhs < rhs) && !(rhs < lhs) }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
