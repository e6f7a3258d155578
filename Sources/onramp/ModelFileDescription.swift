// A model file described in the catalog's terms from its own GGUF header (the engine's reader), so
// a file that is not a catalog entry gets its memory and speed predicted by the same fit and speed
// maths as one that is, with no copy of those formulas.

import Catalog
import Engine
import Foundation

enum ModelFileDescription {
    /// The architecture numbers, parameter count (every tensor's elements: the embedding table
    /// once when the output matrix is tied to it, twice otherwise, as the catalog counts) and
    /// exact size of the file at `path`. Throws the engine's plain-language error for a file it
    /// cannot read or a kind of model it does not run.
    static func describe(path: String) throws -> (model: CatalogModel, file: ModelFile) {
        let summary = try ModelFileSummary(file: GGUFFile(path: path))
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let quantization = summary.fileType.flatMap { fileTypeNames[$0] } ?? "unknown"
        let size = summary.fileSize
        // A file the catalog lists (same name and size) keeps the catalog's name, licence and uses;
        // the numbers still come from the header, which the catalog's tests hold to the same values.
        let listed = (try? ModelCatalog.bundled())?.models.first { entry in
            entry.files.contains { $0.fileName == fileName && $0.sizeBytes == size }
        }
        let name = listed?.name ?? summary.name ?? fileName
        let license = listed?.license ?? summary.license ?? "unknown"
        var file = listed?.files.first { $0.fileName == fileName }
            ?? ModelFile(quantization: quantization, repository: "local/file", fileName: fileName, sizeBytes: size)
        // The file's own mixture of weight types, which its prompt speed depends on.
        file.blockWeightTypes = summary.blockWeightTypes
        file.outputWeightType = summary.outputWeightType
        let model = CatalogModel(
            id: listed?.id ?? (fileName as NSString).deletingPathExtension, name: name, architecture: summary.architecture,
            parameters: summary.parameterCount, layers: summary.blockCount, embeddingLength: summary.embeddingLength,
            headCount: summary.headCount, kvHeadCount: summary.headCountKV, headDimension: summary.headDimension,
            contextLength: summary.contextLength, license: license, languages: listed?.languages ?? [],
            uses: listed?.uses ?? [.chat], files: [file], sources: ["the GGUF header of \(fileName)"],
            vocabularySize: summary.vocabularySize, tiedEmbeddings: summary.tiedOutput)
        return (model, file)
    }

    /// llama.cpp's names for `general.file_type` (`enum llama_ftype` in llama.h): the
    /// quantisation a file is known by, which the tensors alone do not say (Q4_K_M and Q4_K_S
    /// both hold Q4_K and Q6_K tensors).
    static let fileTypeNames: [Int: String] = [
        0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
        12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 32: "BF16",
    ]
}
