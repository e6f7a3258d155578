// A model's tensors, found by the names its architecture declares, checked for shape and type
// against the hyper-parameters and turned into matrices (views into the mapped file, never
// copied) or float vectors, in one pass over the table; a problem is a `GGUFError` that names
// the tensor and says what to do.

public struct ModelWeights: Sendable {
    /// One transformer layer's weights (`blk.N.*`); what an architecture lacks is nil.
    public struct Layer: Sendable {
        public let attentionNorm: [Float]
        public let query: WeightMatrix?
        public let key: WeightMatrix?
        public let value: WeightMatrix?
        /// Query, key and value in one matrix (Phi-3), instead of the three above.
        public let queryKeyValue: WeightMatrix?
        public let queryBias: [Float]?
        public let keyBias: [Float]?
        public let valueBias: [Float]?
        public let queryNorm: [Float]?
        public let keyNorm: [Float]?
        public let attentionOutput: WeightMatrix
        public let postAttentionNorm: [Float]?
        public let feedForwardNorm: [Float]
        public let gate: WeightMatrix?
        public let up: WeightMatrix?
        /// Gate and up in one matrix (Phi-3), instead of the two above.
        public let gateUp: WeightMatrix?
        public let down: WeightMatrix
        public let postFeedForwardNorm: [Float]?

        /// Every matrix the layer has, in file order; for code that treats them alike (a graphics
        /// card's budget and shaders).
        public var matrices: [WeightMatrix] {
            [query, key, value, queryKeyValue, attentionOutput, gate, up, gateUp, down].compactMap { $0 }
        }

        /// Every vector (norms and biases) the layer has.
        public var vectors: [[Float]] {
            [attentionNorm, queryBias, keyBias, valueBias, queryNorm, keyNorm, postAttentionNorm, feedForwardNorm, postFeedForwardNorm]
                .compactMap { $0 }
        }
    }

    public let tokenEmbedding: WeightMatrix
    public let outputNorm: [Float]
    /// The output projection; the token embedding itself when the model ties them (SmolLM2, Gemma).
    public let output: WeightMatrix
    /// True when the file has no output layer of its own.
    public let tiedOutput: Bool
    /// Llama 3.1's per-frequency RoPE divisors, when present.
    public let ropeFrequencyFactors: [Float]?
    public let layers: [Layer]

    init(file: GGUFFile, hyperparameters h: ModelHyperparameters) throws(GGUFError) {
        let loader = TensorLoader(file: file, hyperparameters: h)
        for (name, reason) in h.traits.refusedTensors where file.tensor(named: name) != nil {
            throw GGUFError(.badMetadataValue, "\(file.displayName): this model \(reason).")
        }
        let found = try loader.load(h.traits.modelTensors, prefix: "")
        let embedding = try found.matrix(.tokenEmbedding)
        tokenEmbedding = embedding
        outputNorm = try found.vector(.outputNorm)
        tiedOutput = found.matrices[.output] == nil
        output = found.matrices[.output] ?? embedding
        ropeFrequencyFactors = found.vectors[.ropeFrequencies]
        var layers: [Layer] = []
        layers.reserveCapacity(min(h.blockCount, file.tensors.count))  // the count is a claim until checked
        for index in 0..<h.blockCount {
            let layer = try loader.load(h.traits.layerTensors, prefix: "blk.\(index).")
            guard (layer.matrices[.queryKeyValue] != nil) != (layer.matrices[.query] != nil),
                  (layer.matrices[.gateUp] != nil) != (layer.matrices[.gate] != nil)
            else {
                throw GGUFError(.missingTensor, "\(file.displayName): layer \(index) has neither separate nor fused attention and feed-forward weights. \(loader.convertedWrongly)")
            }
            layers.append(Layer(
                attentionNorm: try layer.vector(.attentionNorm),
                query: layer.matrices[.query], key: layer.matrices[.key], value: layer.matrices[.value],
                queryKeyValue: layer.matrices[.queryKeyValue],
                queryBias: layer.vectors[.queryBias], keyBias: layer.vectors[.keyBias], valueBias: layer.vectors[.valueBias],
                queryNorm: layer.vectors[.queryNorm], keyNorm: layer.vectors[.keyNorm],
                attentionOutput: try layer.matrix(.attentionOutput),
                postAttentionNorm: layer.vectors[.postAttentionNorm],
                feedForwardNorm: try layer.vector(.feedForwardNorm),
                gate: layer.matrices[.gate], up: layer.matrices[.up], gateUp: layer.matrices[.gateUp],
                down: try layer.matrix(.down),
                postFeedForwardNorm: layer.vectors[.postFeedForwardNorm]))
        }
        self.layers = layers
    }
}

/// The tensors of one table, by role.
private struct LoadedTensors {
    var matrices: [TensorSpec.Role: WeightMatrix] = [:]
    var vectors: [TensorSpec.Role: [Float]] = [:]
    let fileName: String

    func matrix(_ role: TensorSpec.Role) throws(GGUFError) -> WeightMatrix {
        guard let found = matrices[role] else { throw notDeclared(role) }
        return found
    }

    func vector(_ role: TensorSpec.Role) throws(GGUFError) -> [Float] {
        guard let found = vectors[role] else { throw notDeclared(role) }
        return found
    }

    /// An architecture table without a tensor every model has: the engine's mistake, not the file's.
    private func notDeclared(_ role: TensorSpec.Role) -> GGUFError {
        GGUFError(.missingTensor, "\(fileName): Onramp's description of this architecture has no \(role) tensor. This is a bug in Onramp; please report it.")
    }
}

/// Looks tensors up by name, checks them and explains what is wrong with one that does not fit.
private struct TensorLoader {
    let file: GGUFFile
    let hyperparameters: ModelHyperparameters

    var convertedWrongly: String { "The file is incomplete or was converted for a different program; download another GGUF of this model." }

    func load(_ specs: [TensorSpec], prefix: String) throws(GGUFError) -> LoadedTensors {
        var loaded = LoadedTensors(fileName: file.displayName)
        for spec in specs {
            let name = prefix + spec.name
            let role = prefix.isEmpty ? spec.description : "layer \(prefix.dropFirst(4).dropLast())'s \(spec.description)"
            guard let tensor = file.tensor(named: name) else {
                if spec.optional { continue }
                throw GGUFError(.missingTensor, "\(file.displayName) has no tensor '\(name)' (\(role)), which this model needs. \(convertedWrongly)")
            }
            let shape = spec.shape(hyperparameters)
            let vocabularyRows = tensor.shape.count > 1 ? tensor.shape[1] : 1
            if spec.role == .tokenEmbedding, tensor.rowLength == shape[0], vocabularyRows != shape[1] {
                throw GGUFError(.vocabularyMismatch, "\(file.displayName): the tokenizer lists \(ByteCountText.count(shape[1])) tokens, but the token embedding has rows for \(ByteCountText.count(vocabularyRows)). The model would read past its own weights; the file was converted wrongly. Download another GGUF of this model.")
            }
            guard Self.withoutTrailingOnes(tensor.shape) == Self.withoutTrailingOnes(shape) else {
                throw GGUFError(.wrongTensorShape, "\(file.displayName): tensor '\(name)' (\(role)) has shape \(tensor.shapeText), but the model's settings call for \(GGUFTensorInfo.text(of: shape)). The settings and the weights disagree; the file was converted wrongly. Download another GGUF of this model.")
            }
            guard spec.allowedTypes.contains(tensor.type) else {
                let allowed = spec.allowedTypes.map(\.description).sorted().joined(separator: ", ")
                throw GGUFError(.wrongTensorType, "\(file.displayName): tensor '\(name)' (\(role)) is stored as \(tensor.type), but Onramp needs one of \(allowed) there. \(GGMLType.computableAdvice)")
            }
            let columns = shape[0]
            let rows = shape.dropFirst().reduce(1, *)
            let matrix = try view(tensor, rows: rows, columns: columns, role: role)
            switch spec.kind {
            case .matrix:
                loaded.matrices[spec.role] = matrix
            case .vector:
                var values = [Float](repeating: 0, count: columns)
                values.withUnsafeMutableBufferPointer { buffer in
                    guard let out = buffer.baseAddress else { return }
                    Dequantize.row(matrix, row: 0, into: out)
                }
                loaded.vectors[spec.role] = values
            }
        }
        return loaded
    }

    /// The tensor's bytes as a matrix; the parser has checked they lie inside the file.
    private func view(_ tensor: GGUFTensorInfo, rows: Int, columns: Int, role: String) throws(GGUFError) -> WeightMatrix {
        let bytes = file.bytes(of: tensor)
        do {
            guard let base = bytes.baseAddress else { throw KernelError.invalidShape(rows: rows, columns: columns) }
            let matrix = try WeightMatrix(base: base, type: tensor.type, rows: rows, columns: columns)
            guard matrix.byteCount <= bytes.count else { throw KernelError.invalidShape(rows: rows, columns: columns) }
            return matrix
        } catch {
            throw GGUFError(.wrongTensorType, "\(file.displayName): tensor '\(tensor.name)' (\(role)) cannot be read as \(tensor.type) rows of \(columns) values (\(error)). \(convertedWrongly)")
        }
    }

    /// ggml treats missing trailing dimensions as 1, so [576] and [576, 1] are the same shape.
    private static func withoutTrailingOnes(_ shape: [Int]) -> [Int] {
        var trimmed = shape
        while trimmed.count > 1, trimmed.last == 1 { trimmed.removeLast() }
        return trimmed
    }
}
