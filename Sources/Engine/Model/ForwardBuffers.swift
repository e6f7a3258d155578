// Working memory for one forward pass over up to `batch` tokens, allocated once and reused,
// so generating a token allocates nothing.

final class ForwardBuffers {
    let batch: Int
    /// The residual stream: one row of `embedding` floats per token.
    let hidden: UnsafeMutablePointer<Float>
    let normed: UnsafeMutablePointer<Float>
    let query: UnsafeMutablePointer<Float>
    let key: UnsafeMutablePointer<Float>
    let value: UnsafeMutablePointer<Float>
    let attention: UnsafeMutablePointer<Float>
    let projected: UnsafeMutablePointer<Float>
    let gate: UnsafeMutablePointer<Float>
    let up: UnsafeMutablePointer<Float>
    /// Attention scores, one row of `context` floats per thread.
    let scores: UnsafeMutablePointer<Float>
    let scoresStride: Int
    /// Attention's other per-thread working memory (the rounded query and lane sums).
    let attentionScratch: AttentionScratch
    /// cos/sin tables, one row of `ropeDimensions` floats per token.
    let rope: UnsafeMutablePointer<Float>
    /// The same for the sliding-window layers' RoPE base (Gemma 3).
    let localRope: UnsafeMutablePointer<Float>
    /// The output of a fused product (Phi-3's query-key-value or gate-up), before it is split.
    let fused: UnsafeMutablePointer<Float>
    /// Quantised copies of the activations, keyed by (columns, weight type).
    private var quantized: [QuantizedKey: QuantizedActivations] = [:]
    private var owned: [UnsafeMutablePointer<Float>] = []

    private struct QuantizedKey: Hashable {
        let columns: Int
        let type: GGMLType
    }

    init(shape: ModelShape, batch: Int, context: Int, threads: Int, fusedWidth: Int = 0) {
        self.batch = batch
        func make(_ count: Int) -> UnsafeMutablePointer<Float> {
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: 0, count: max(count, 1))
            return pointer
        }
        let qWidth = shape.heads * shape.headSize
        hidden = make(batch * shape.embedding)
        normed = make(batch * shape.embedding)
        query = make(batch * qWidth)
        key = make(batch * shape.keyValueWidth)
        value = make(batch * shape.keyValueWidth)
        attention = make(batch * qWidth)
        projected = make(batch * shape.embedding)
        gate = make(batch * shape.feedForward)
        up = make(batch * shape.feedForward)
        scoresStride = context
        scores = make(threads * context)
        attentionScratch = AttentionScratch(threads: threads, headSize: shape.headSize)
        rope = make(batch * shape.ropeDimensions)
        localRope = make(shape.slidingWindowLayers.isEmpty ? 0 : batch * shape.ropeDimensions)
        fused = make(batch * fusedWidth)
        owned = [hidden, normed, query, key, value, attention, projected, gate, up, scores, rope, localRope, fused]
    }

    deinit {
        for pointer in owned { pointer.deallocate() }
    }

    /// The activation buffer that `weights` reads, quantised in its partner format (kept as f32
    /// for the unquantised reference products).
    func activations(for weights: WeightMatrix, kernel: ProductKernel) throws(ModelError) -> QuantizedActivations {
        let format: GGMLType = kernel == .unquantized ? .f32 : weights.type
        let key = QuantizedKey(columns: weights.columns, type: format)
        if let existing = quantized[key] { return existing }
        do {
            let made = try QuantizedActivations(columns: weights.columns, batch: batch, for: format)
            quantized[key] = made
            return made
        } catch {
            throw .kernel("\(error)")
        }
    }
}
