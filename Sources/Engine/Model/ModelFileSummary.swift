// What a model file says about itself, read from its GGUF header without loading the weights:
// the numbers a recommender needs to predict memory and speed for a file that is not in the
// catalog. The settings are checked by the same `ModelHyperparameters` the loader uses, so a
// file this accepts is one the engine would try to run.

public struct ModelFileSummary: Sendable {
    public let architecture: String
    public let blockCount: Int
    public let embeddingLength: Int
    public let headCount: Int
    public let headCountKV: Int
    public let headDimension: Int
    public let contextLength: Int
    public let vocabularySize: Int
    /// Every tensor's elements added up.
    public let parameterCount: Int64
    /// True when the file has no output matrix, so the token embedding doubles as the output
    /// layer (the rule `ModelWeights` applies when it loads the file).
    public let tiedOutput: Bool
    /// `general.file_type`, llama.cpp's number for the file's quantisation, when the file says.
    public let fileType: Int?
    /// `general.name` and `general.license`, when present and not empty.
    public let name: String?
    public let license: String?
    public let fileSize: Int64
    /// Elements of the transformer blocks' matrices (`blk.N.…` with two dimensions) by type name
    /// (`Q4_K`): the mixture a prompt's products run on, which the file type alone does not say.
    public let blockWeightTypes: [String: Int64]
    /// The type of the matrix that scores every token (the embedding table when tied).
    public let outputWeightType: String?

    public init(file: GGUFFile) throws(GGUFError) {
        let settings = try ModelHyperparameters(file: file)
        architecture = settings.architecture
        blockCount = settings.blockCount
        embeddingLength = settings.embeddingLength
        headCount = settings.headCount
        headCountKV = settings.headCountKV
        headDimension = settings.headDimension
        contextLength = settings.contextLength
        vocabularySize = settings.vocabularySize
        parameterCount = file.tensors.reduce(Int64(0)) { $0 + Int64($1.elementCount) }
        tiedOutput = file.tensor(named: TensorSpec.output.name) == nil
        fileType = try file.metadata.integerIfPresent("general.file_type")
        name = try file.metadata.stringIfPresent("general.name").flatMap { $0.isEmpty ? nil : $0 }
        license = try file.metadata.stringIfPresent("general.license").flatMap { $0.isEmpty ? nil : $0 }
        fileSize = Int64(file.fileSize)
        var types: [String: Int64] = [:]
        for tensor in file.tensors where tensor.name.hasPrefix("blk.") && tensor.shape.count == 2 && tensor.shape[1] > 1 {
            types[tensor.type.description.uppercased(), default: 0] += Int64(tensor.elementCount)
        }
        blockWeightTypes = types
        outputWeightType = (file.tensor(named: TensorSpec.output.name) ?? file.tensor(named: TensorSpec.tokenEmbedding.name))
            .map { $0.type.description.uppercased() }
    }
}
