// The llama architecture's tensors, found by name in the GGUF file and checked against the
// shape; the big matrices stay in the memory-mapped file, only the small norm vectors are
// copied out as floats.

public struct LlamaLayerWeights: Sendable {
    let attentionNorm: [Float]
    let query: WeightMatrix
    let key: WeightMatrix
    let value: WeightMatrix
    let attentionOutput: WeightMatrix
    let feedForwardNorm: [Float]
    let gate: WeightMatrix
    let up: WeightMatrix
    let down: WeightMatrix
}

public struct LlamaWeights: Sendable {
    let tokenEmbedding: WeightMatrix
    let layers: [LlamaLayerWeights]
    let outputNorm: [Float]
    /// The output projection; the token embedding itself when the model ties them (SmolLM2).
    let output: WeightMatrix
    /// Llama 3.1's per-frequency RoPE divisors, when present.
    let ropeFrequencyFactors: [Float]?

    init(file: GGUFFile, shape: LlamaShape) throws(ModelError) {
        let loader = TensorLoader(file: file)
        let d = shape.embedding
        tokenEmbedding = try loader.matrix("token_embd.weight", rows: shape.vocabulary, columns: d)
        outputNorm = try loader.vector("output_norm.weight", count: d)
        if file.tensor(named: "output.weight") != nil {
            output = try loader.matrix("output.weight", rows: shape.vocabulary, columns: d)
        } else {
            output = tokenEmbedding
        }
        if file.tensor(named: "rope_freqs.weight") != nil {
            ropeFrequencyFactors = try loader.vector("rope_freqs.weight", count: shape.ropeDimensions / 2)
        } else {
            ropeFrequencyFactors = nil
        }
        var layers: [LlamaLayerWeights] = []
        for index in 0..<shape.layers {
            let prefix = "blk.\(index)."
            layers.append(LlamaLayerWeights(
                attentionNorm: try loader.vector(prefix + "attn_norm.weight", count: d),
                query: try loader.matrix(prefix + "attn_q.weight", rows: shape.heads * shape.headSize, columns: d),
                key: try loader.matrix(prefix + "attn_k.weight", rows: shape.keyValueWidth, columns: d),
                value: try loader.matrix(prefix + "attn_v.weight", rows: shape.keyValueWidth, columns: d),
                attentionOutput: try loader.matrix(prefix + "attn_output.weight", rows: d, columns: shape.heads * shape.headSize),
                feedForwardNorm: try loader.vector(prefix + "ffn_norm.weight", count: d),
                gate: try loader.matrix(prefix + "ffn_gate.weight", rows: shape.feedForward, columns: d),
                up: try loader.matrix(prefix + "ffn_up.weight", rows: shape.feedForward, columns: d),
                down: try loader.matrix(prefix + "ffn_down.weight", rows: d, columns: shape.feedForward)))
        }
        self.layers = layers
    }
}

/// Turns named tensors of the file into matrices and vectors, with errors that name the tensor.
struct TensorLoader {
    let file: GGUFFile

    func matrix(_ name: String, rows: Int, columns: Int) throws(ModelError) -> WeightMatrix {
        guard let info = file.tensor(named: name) else { throw .missingTensor(name) }
        let expected = rows == 1 && info.shape.count == 1 ? [columns] : [columns, rows]
        guard info.shape == expected else {
            throw .tensorShape(name: name, found: info.shape, expected: expected)
        }
        let bytes = file.bytes(of: info)
        guard let base = bytes.baseAddress else { throw .missingTensor(name) }
        do {
            let matrix = try WeightMatrix(base: base, type: info.type, rows: rows, columns: columns)
            guard matrix.byteCount <= bytes.count else { throw ModelError.missingTensor(name) }
            return matrix
        } catch let error as KernelError {
            throw .unsupportedTensorType(name: name, type: "\(info.type) (\(error))")
        } catch {
            throw .missingTensor(name)
        }
    }

    func vector(_ name: String, count: Int) throws(ModelError) -> [Float] {
        let matrix = try self.matrix(name, rows: 1, columns: count)
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let out = buffer.baseAddress else { return }
            Dequantize.row(matrix, row: 0, into: out)
        }
        return values
    }
}
