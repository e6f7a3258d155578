// `onramp pull NAME[:QUANT]`: a name from Onramp's catalog becomes the Hugging Face file it lists,
// pinned to the catalog's revision; an unknown name is refused with the closest names to try.

import Catalog

extension ModelSource {
    /// The hook `parse(_:catalog:)` calls for text that is neither `hf://` nor a URL.
    public static func catalogLookup(_ catalog: ModelCatalog) -> CatalogLookup {
        { text throws(FetchError) in
            switch catalog.lookUp(name: text) {
            case .found(_, let file):
                let pinned = "hf://\(file.repository)/\(file.fileName)" + (file.revision.map { "@\($0)" } ?? "")
                return .huggingFace(try HuggingFaceFile.parse(pinned))
            case .unknownModel(let suggestions):
                // A word that looks like neither a name nor a file gets the general advice instead.
                guard !suggestions.isEmpty else { return nil }
                let names = suggestions.joined(separator: ", ")
                throw FetchError(
                    .badSource,
                    """
                    '\(text)' is not a model in Onramp's catalog. Did you mean \(names)? \
                    onramp recommend --all lists every model; a Hugging Face file (hf://ORG/REPO/FILE.gguf) \
                    or an https:// address also works.
                    """)
            case .unknownQuantization(let model, let available):
                let listed = available.joined(separator: ", ")
                let example = available.first.map { " For example: onramp pull \(model.id):\($0)" } ?? ""
                throw FetchError(
                    .badSource,
                    "Onramp's catalog has no \(text.split(separator: ":").last.map(String.init)?.uppercased() ?? "such") "
                        + "file of \(model.name); it lists \(listed).\(example)")
            }
        }
    }
}
