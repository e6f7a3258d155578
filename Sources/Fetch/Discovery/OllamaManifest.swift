// An Ollama manifest (`manifests/HOST/NAMESPACE/MODEL/TAG`, JSON like an OCI image manifest):
// the layer with media type `application/vnd.ollama.image.model` is the GGUF file, stored as
// `blobs/sha256-HEX`. Its digest names a path, so it is accepted only as `sha256:` + 64 hex.

import Foundation

public struct OllamaManifest: Equatable, Sendable {
    /// 64 lower-case hex digits: the blob's sha256 and the rest of its file name.
    public let modelDigest: String
    public let modelSize: Int64?

    public static let modelMediaType = "application/vnd.ollama.image.model"

    public enum Problem: Error, Equatable, Sendable {
        case notJSON
        case noModelLayer
        /// The digest is not `sha256:` followed by 64 hex digits (a crafted `../` would be here).
        case badDigest(String)
    }

    public static func parse(_ data: Data) throws(Problem) -> OllamaManifest {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { throw .notJSON }
        let layers = object["layers"] as? [[String: Any]] ?? []
        guard let layer = layers.first(where: { ($0["mediaType"] as? String) == modelMediaType }) else {
            throw .noModelLayer
        }
        let digest = layer["digest"] as? String ?? ""
        let hex = digest.hasPrefix("sha256:") ? String(digest.dropFirst("sha256:".count)) : ""
        guard HexDigest.isSHA256(hex) else { throw .badDigest(digest) }
        return OllamaManifest(modelDigest: hex, modelSize: (layer["size"] as? NSNumber)?.int64Value)
    }

    /// `llama3.2:1b` for the official library, `NAMESPACE/MODEL:TAG` otherwise, and the host in
    /// front when it is not Ollama's own registry: the name `ollama run` takes.
    public static func modelName(host: String, namespace: String, model: String, tag: String) -> String {
        var name = namespace == "library" ? model : namespace + "/" + model
        if host != "registry.ollama.ai" { name = host + "/" + name }
        return name + ":" + tag
    }
}
