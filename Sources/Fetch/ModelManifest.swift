// What the store records about one model file: where it came from and what its bytes must hash to.

import Foundation

public struct ModelManifest: Codable, Equatable, Sendable {
    public var name: String
    public var source: String
    public var url: String
    public var revision: String?
    public var size: Int64
    public var sha256: String
    public var architecture: String?
    public var downloaded: Date

    /// Manifest file names come from model names; anything but these characters becomes `_`, so a
    /// name can never point outside the manifests folder.
    static func fileName(for name: String) -> String {
        let safe = name.unicodeScalars.map { scalar -> String in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar)) ? String(scalar) : "_"
        }.joined()
        return (safe.hasPrefix(".") ? "_" + safe.dropFirst() : safe) + ".json"
    }
}
