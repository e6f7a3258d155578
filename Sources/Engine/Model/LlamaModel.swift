// The llama architecture's forward pass (SmolLM2, Llama 3.x, Mistral, TinyLlama): token
// embedding, then per layer RMSNorm → grouped-query attention with RoPE → residual, RMSNorm →
// SwiGLU feed-forward → residual; a final RMSNorm and the output projection give the logits.
// A prompt is processed in batches (matrix-matrix products); generation one token at a time.

import Foundation

/// Sendable because its only mutable state, the reusable forward buffers, is touched only while
/// `lock` is held; the weights and the mapped file are read-only and the pool is thread-safe.
public final class LlamaModel: @unchecked Sendable {
    public let file: GGUFFile
    public let shape: LlamaShape
    public let pool: WorkerPool
    /// The matrix-product and quantisation kernels every layer runs on.
    public let kernels: KernelPath
    let weights: LlamaWeights
    let rope: RotaryEmbedding
    /// Tokens per forward batch when processing a prompt (llama.cpp's default ubatch).
    public static let maximumBatch = 512

    private var buffers: ForwardBuffers?
    private let lock = NSLock()
    private var chosenKernel: ProductKernel = .path(KernelPath.best)

    /// The kernel every matrix product of `forward` runs on: a kernel path, or the reference
    /// twin (slow; the self-test compares a model's logits on both).
    public var productKernel: ProductKernel {
        get {
            lock.lock()
            defer { lock.unlock() }
            return chosenKernel
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            chosenKernel = newValue
        }
    }

    /// `threads` and `kernels` are the caller's choice (see `ThreadCount.forMachine`): the
    /// engine does not look at the machine or the environment itself.
    public init(file: GGUFFile, shape: LlamaShape, threads: Int, kernels: KernelPath = .best) throws(ModelError) {
        self.file = file
        self.shape = shape
        weights = try LlamaWeights(file: file, shape: shape)
        pool = WorkerPool(threads: threads)
        self.kernels = kernels
        chosenKernel = .path(kernels)
        rope = RotaryEmbedding(
            dimensions: shape.ropeDimensions, frequencyBase: shape.ropeFrequencyBase,
            frequencyScale: shape.ropeFrequencyScale, frequencyFactors: weights.ropeFrequencyFactors)
    }

    /// A cache for up to `capacity` tokens (default: the model's trained context, at most 4096),
    /// in f16 by default as llama.cpp keeps it.
    public func makeCache(capacity: Int? = nil, precision: KVCache.Precision = .f16) throws(ModelError) -> KVCache {
        let capacity = capacity ?? min(shape.contextLength, 4096)
        return try KVCache(layers: shape.layers, capacity: capacity, width: shape.keyValueWidth, precision: precision)
    }

    /// Runs `tokens` after the positions already in `cache` and returns the logits of the last
    /// token (or of every token, `vocabulary` floats each, when `allLogits`).
    public func forward(_ tokens: [Int], cache: KVCache, allLogits: Bool = false) throws(ModelError) -> [Float] {
        for token in tokens where token < 0 || token >= shape.vocabulary {
            throw .tokenOutOfRange(token: token, vocabulary: shape.vocabulary)
        }
        guard cache.layers == shape.layers, cache.width == shape.keyValueWidth else {
            throw .invalidSetting("This conversation memory was made for a different model.")
        }
        // The model's buffers, then the cache, each to this pass alone (always in this order).
        lock.lock()
        defer { lock.unlock() }
        return try cache.withExclusiveUse { (filled: inout Int) throws(ModelError) -> [Float] in
            guard filled + tokens.count <= cache.capacity else {
                throw .contextFull(needed: filled + tokens.count, capacity: cache.capacity)
            }
            var logits: [Float] = []
            var start = 0
            while start < tokens.count {
                let end = min(tokens.count, start + Self.maximumBatch)
                let batch = Array(tokens[start..<end])
                let wanted = allLogits || end == tokens.count
                let batchLogits = try forwardBatch(batch, cache: cache, start: filled, logits: wanted, allLogits: allLogits)
                filled += batch.count
                logits += batchLogits
                start = end
            }
            return logits
        }
    }

    private func buffers(batch: Int, context: Int) -> ForwardBuffers {
        if let buffers, buffers.batch >= batch, buffers.scoresStride >= context { return buffers }
        let made = ForwardBuffers(
            shape: shape, batch: max(batch, buffers?.batch ?? 0), context: max(context, buffers?.scoresStride ?? 0),
            threads: pool.threadCount)
        buffers = made
        return made
    }

    /// One batch at positions `start`…; returns no logits unless `logits`, then the last
    /// token's or, with `allLogits`, every token's.
    private func forwardBatch(
        _ tokens: [Int], cache: KVCache, start: Int, logits wantLogits: Bool, allLogits: Bool
    ) throws(ModelError) -> [Float] {
        let n = tokens.count
        let d = shape.embedding
        let b = buffers(batch: n, context: cache.capacity)
        let products = MatrixProducts(pool: pool, kernel: chosenKernel)

        for (row, token) in tokens.enumerated() {
            Dequantize.row(weights.tokenEmbedding, row: token, into: b.hidden + row * d)
        }
        for row in 0..<n {
            rope.fillTable(position: start + row, into: b.rope + row * shape.ropeDimensions)
        }

        let qWidth = shape.heads * shape.headSize
        let kvWidth = shape.keyValueWidth
        for (index, layer) in weights.layers.enumerated() {
            normalize(b.hidden, weight: layer.attentionNorm, rows: n, into: b.normed)
            let qIn = try b.activations(for: layer.query)
            let kIn = try b.activations(for: layer.key)
            let vIn = try b.activations(for: layer.value)
            quantize(b.normed, rows: n, into: [qIn, kIn, vIn])
            products.run([
                MatrixProductJob(weights: layer.query, input: qIn, output: b.query, outputStride: qWidth),
                MatrixProductJob(weights: layer.key, input: kIn, output: b.key, outputStride: kvWidth),
                MatrixProductJob(weights: layer.value, input: vIn, output: b.value, outputStride: kvWidth),
            ])
            for row in 0..<n {
                let table = UnsafePointer(b.rope + row * shape.ropeDimensions)
                rope.apply(table: table, to: b.query + row * qWidth, heads: shape.heads, headSize: shape.headSize)
                rope.apply(table: table, to: b.key + row * kvWidth, heads: shape.keyValueHeads, headSize: shape.headSize)
                cache.store(layer: index, position: start + row, key: b.key + row * kvWidth, value: b.value + row * kvWidth)
            }
            attend(layer: index, rows: n, start: start, cache: cache, buffers: b)

            let oIn = try b.activations(for: layer.attentionOutput)
            oIn.quantize(b.attention, rows: n, path: kernels)
            products.run([MatrixProductJob(weights: layer.attentionOutput, input: oIn, output: b.projected, outputStride: d)])
            VectorMath.add(b.projected, into: b.hidden, count: n * d)

            normalize(b.hidden, weight: layer.feedForwardNorm, rows: n, into: b.normed)
            let gateIn = try b.activations(for: layer.gate)
            let upIn = try b.activations(for: layer.up)
            quantize(b.normed, rows: n, into: [gateIn, upIn])
            let ff = shape.feedForward
            products.run([
                MatrixProductJob(weights: layer.gate, input: gateIn, output: b.gate, outputStride: ff),
                MatrixProductJob(weights: layer.up, input: upIn, output: b.up, outputStride: ff),
            ])
            SwiGLU.apply(gate: b.gate, up: b.up, count: n * ff)
            let downIn = try b.activations(for: layer.down)
            downIn.quantize(b.gate, rows: n, path: kernels)
            products.run([MatrixProductJob(weights: layer.down, input: downIn, output: b.projected, outputStride: d)])
            VectorMath.add(b.projected, into: b.hidden, count: n * d)
        }
        guard wantLogits else { return [] }

        // Only the rows whose logits are wanted go through the output projection.
        let first = allLogits ? 0 : n - 1
        let wanted = n - first
        normalize(b.hidden + first * d, weight: weights.outputNorm, rows: wanted, into: b.normed)
        let outIn = try b.activations(for: weights.output)
        outIn.quantize(b.normed, rows: wanted, path: kernels)
        var logits = [Float](repeating: 0, count: wanted * shape.vocabulary)
        logits.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            products.run([MatrixProductJob(weights: weights.output, input: outIn, output: base, outputStride: shape.vocabulary)])
        }
        return logits
    }

    private func normalize(_ x: UnsafeMutablePointer<Float>, weight: [Float], rows: Int, into out: UnsafeMutablePointer<Float>) {
        let d = shape.embedding
        weight.withUnsafeBufferPointer { w in
            guard let w = w.baseAddress else { return }
            for row in 0..<rows {
                RMSNorm.apply(x + row * d, weight: w, count: d, epsilon: shape.rmsEpsilon, into: out + row * d)
            }
        }
    }

    /// Quantises `x` once per distinct activation buffer (q, k and v usually share one).
    private func quantize(_ x: UnsafePointer<Float>, rows: Int, into targets: [QuantizedActivations]) {
        var done: [ObjectIdentifier] = []
        for target in targets where !done.contains(ObjectIdentifier(target)) {
            target.quantize(x, rows: rows, path: kernels)
            done.append(ObjectIdentifier(target))
        }
    }

    /// Causal attention for every (token, head) pair of the batch, spread over the pool.
    private func attend(layer: Int, rows: Int, start: Int, cache: KVCache, buffers b: ForwardBuffers) {
        let heads = shape.heads
        let headSize = shape.headSize
        let group = shape.headsPerKeyValueHead
        let qWidth = heads * headSize
        let scale = 1 / Float(headSize).squareRoot()
        let products = chosenKernel
        // llama.cpp (without flash attention) attends over the cache in use padded to 32 cells.
        let padding = 32
        // Each thread's scores row holds `scoresStride` floats; a pass past the cache's end would
        // write into the next thread's row (the heap overflow of a room check that raced).
        precondition(start + rows <= cache.capacity && cache.capacity <= b.scoresStride,
                     "positions \(start)..<\(start + rows) do not fit a cache of \(cache.capacity)")
        pool.runWithThreadIndex(tasks: rows * heads) { task, thread in
            let row = task / heads
            let head = task % heads
            let offset = (head / group) * headSize
            let query = b.query + row * qWidth + head * headSize
            let output = b.attention + row * qWidth + head * headSize
            let scores = b.scores + thread * b.scoresStride
            let length = start + row + 1
            cache.attend(
                layer: layer, keyValueOffset: offset, query: query, length: length,
                attended: (start + rows + padding - 1) / padding * padding, headSize: headSize, scale: scale,
                scores: scores, output: output, singleQuery: rows == 1,
                scratch: b.attentionScratch.slice(thread: thread), products: products)
        }
    }
}
