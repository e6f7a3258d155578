// What Onramp knows about a file before downloading it: where to GET it, and, from Hugging Face's
// headers, the commit it belongs to, its size and its sha256.

import Foundation

public struct RemoteFile: Equatable, Sendable {
    public let source: ModelSource
    public let downloadURL: URL
    public let fileName: String
    /// The commit (Hugging Face) the bytes belong to, so a later `main` does not mix with this one.
    public let revision: String?
    public let expectedSize: Int64?
    /// Lower-case hex; nil for plain URLs, where the hash is computed and recorded instead.
    public let expectedSHA256: String?

    public init(
        source: ModelSource, downloadURL: URL, fileName: String, revision: String?, expectedSize: Int64?,
        expectedSHA256: String?
    ) {
        self.source = source
        self.downloadURL = downloadURL
        self.fileName = fileName
        self.revision = revision
        self.expectedSize = expectedSize
        self.expectedSHA256 = expectedSHA256
    }
}

enum HexDigest {
    /// A sha256 as 64 lower-case hex digits, or nil: header values are quoted, sometimes weak (`W/`).
    static func sha256(fromETag value: String?) -> String? {
        guard var text = value?.trimmingCharacters(in: .whitespaces) else { return nil }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
        return isSHA256(text) ? text : nil
    }

    static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
