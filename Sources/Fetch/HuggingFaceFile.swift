// A file in a Hugging Face repository: `hf://ORG/REPO/PATH/FILE.gguf[@REVISION]`.

import Foundation

public struct HuggingFaceFile: Equatable, Sendable, CustomStringConvertible {
    public let repository: String  // "ORG/REPO"
    public let path: String  // path inside the repository, may contain folders
    public let revision: String  // branch, tag or commit; "main" when not given

    public static func parse(_ text: String) throws(FetchError) -> HuggingFaceFile {
        var rest = String(text.dropFirst("hf://".count))
        var revision = "main"
        if let at = rest.lastIndex(of: "@") {
            revision = String(rest[rest.index(after: at)...])
            rest = String(rest[..<at])
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let usage = "Write it as hf://ORG/REPO/FILE.gguf, for example hf://HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/smollm2-135m-instruct-q8_0.gguf, optionally followed by @REVISION."
        guard parts.count >= 3, parts.allSatisfy(isSafeSegment), !revision.isEmpty, isSafeSegment(revision) else {
            throw FetchError(.badSource, "'\(text)' is not a Hugging Face file address. \(usage)")
        }
        return HuggingFaceFile(
            repository: parts[0] + "/" + parts[1], path: parts[2...].joined(separator: "/"), revision: revision)
    }

    /// Repository, path and revision go into a URL path: no empty parts, `.`/`..`, or characters
    /// that would change the URL's meaning.
    private static func isSafeSegment(_ segment: String) -> Bool {
        guard !segment.isEmpty, segment != ".", segment != ".." else { return false }
        return segment.unicodeScalars.allSatisfy { scalar in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_.+".unicodeScalars.contains(scalar)
        }
    }

    public var fileName: String { String(path.split(separator: "/").last ?? Substring(path)) }

    /// `{endpoint}/{repo}/resolve/{revision}/{path}`, the address Hugging Face answers for a file.
    public func resolveURL(endpoint: URL, revision: String? = nil) -> URL {
        var text = endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: "\(text)/\(repository)/resolve/\(revision ?? self.revision)/\(path)")!
    }

    public var description: String {
        "hf://\(repository)/\(path)" + (revision == "main" ? "" : "@\(revision)")
    }
}
