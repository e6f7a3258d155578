// What the user asked `onramp pull` for: a file in a Hugging Face repository (`hf://…`) or a
// plain https URL. Catalog names ("smollm2-135m:q4_1") are the Catalog module's job; until it
// lands, `ModelSource.parse` takes a `CatalogLookup` hook that can turn a name into one of these.

import Foundation

public enum ModelSource: Equatable, Sendable, CustomStringConvertible {
    case huggingFace(HuggingFaceFile)
    case url(URL)

    /// Turns a catalog name into a source, or nil when the name is unknown. The Catalog module
    /// will supply this; `nil` means "no catalog yet".
    public typealias CatalogLookup = @Sendable (String) -> ModelSource?

    public static func parse(_ text: String, catalog: CatalogLookup? = nil) throws(FetchError) -> ModelSource {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("hf://") {
            return .huggingFace(try HuggingFaceFile.parse(trimmed))
        }
        if trimmed.contains("://") {
            guard let url = URL(string: trimmed), url.host != nil else {
                throw FetchError(.badSource, "'\(text)' is not a URL Onramp can read. Give a full address such as https://example.org/model.gguf.")
            }
            try URLPolicy.check(url)
            return .url(url)
        }
        if let catalog, let found = catalog(trimmed) { return found }
        throw FetchError(
            .badSource,
            """
            '\(text)' is not a model Onramp knows how to fetch. \
            Give a Hugging Face file as hf://ORG/REPO/FILE.gguf (optionally @REVISION) or an https:// address \
            (model names from Onramp's catalog are not available in this version).
            """)
    }

    /// The file name the model is stored under.
    public var fileName: String {
        switch self {
        case .huggingFace(let file): return file.fileName
        case .url(let url):
            let last = url.lastPathComponent
            return last.isEmpty || last == "/" ? (url.host ?? "download") : last
        }
    }

    public var description: String {
        switch self {
        case .huggingFace(let file): return file.description
        case .url(let url): return url.absoluteString
        }
    }
}
