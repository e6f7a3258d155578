// What the user asked `onramp pull` for: a file in a Hugging Face repository (`hf://…`), a
// plain https URL, or a name from Onramp's catalog (`smollm2-135m-instruct:q8_0`), which the
// `CatalogLookup` hook turns into one of the first two (`ModelSource.catalogLookup(_:)`).

import Foundation

public enum ModelSource: Equatable, Sendable, CustomStringConvertible {
    case huggingFace(HuggingFaceFile)
    case url(URL)

    /// Turns a catalog name into a source; nil, or an error that names the closest models, when
    /// the name is unknown.
    public typealias CatalogLookup = @Sendable (String) throws(FetchError) -> ModelSource?

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
        if let catalog, let found = try catalog(trimmed) { return found }
        throw FetchError(
            .badSource,
            """
            '\(text)' is not a model Onramp knows how to fetch. \
            Give a name from Onramp's catalog (onramp recommend --all lists them), \
            a Hugging Face file as hf://ORG/REPO/FILE.gguf (optionally @REVISION) or an https:// address.
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
