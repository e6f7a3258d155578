// The decoder-only transformer forward pass every supported architecture shares: token
// embedding, then per layer RMSNorm → grouped-query attention with RoPE → residual, RMSNorm →
// gated feed-forward → residual; a final RMSNorm and the output projection give the logits.
// What an architecture does differently (biases, fused matrices, q/k norms, post-norms, RoPE
// style, GELU, sliding windows) comes from its `ModelArchitecture` through `ModelShape` and the
// tensors `ModelWeights` found. A prompt is processed in batches (matrix-matrix products);
// generation one token at a time. An attached `LayerOffload` (a graphics card) runs the first
// layers of every batch, and the output too when it holds them all; this pass does the rest.

import Foundation

/// Sendable because its only mutable state, the reusable forward buffers, is touched only while
/// `lock` is held; the weights and the mapped file are read-only and the pool is thread-safe.
public final class TransformerModel: LanguageModel, @unchecked Sendable {
    public let file: GGUFFile
    public let shape: ModelShape
    public let pool: WorkerPool
    /// The matrix-product and quantisation kernels every layer runs on.
    public let kernels: KernelPath
    /// The tensors, as views into the mapped file (an offload uploads them from here).
    public let weights: ModelWeights
    let rope: RotaryEmbedding
    /// The sliding-window layers' RoPE, when their base differs (Gemma 3).
    let localRope: RotaryEmbedding?
    /// Tokens per forward batch when processing a prompt (llama.cpp's default ubatch).
    public static let maximumBatch = 512

    private var buffers: ForwardBuffers?
    private let lock = NSLock()
    private var chosenKernel: ProductKernel = .path(KernelPath.best)
    private var attachedOffload: (any LayerOffload)?

    /// The offload that runs the first layers elsewhere (a graphics card), or nil: every layer
    /// runs here. Set between forward passes; a conversation started with one offload must go on
    /// with it (its first layers' keys and values live there).
    public var offload: (any LayerOffload)? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return attachedOffload
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            attachedOffload = newValue
        }
    }

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
    init(file: GGUFFile, shape: ModelShape, weights: ModelWeights, threads: Int, kernels: KernelPath = .best) {
        self.file = file
        self.shape = shape
        self.weights = weights
        pool = WorkerPool(threads: threads)
        self.kernels = kernels
        chosenKernel = .path(kernels)
        rope = RotaryEmbedding(
            dimensions: shape.ropeDimensions, frequencyBase: shape.ropeFrequencyBase,
            frequencyScale: shape.ropeFrequencyScale, frequencyFactors: weights.ropeFrequencyFactors)
        // Gemma 3's sliding-window layers keep RoPE unscaled with their own base (llama.cpp's
        // rope_freq_base_train_swa / rope_freq_scale_train_swa).
        localRope = shape.slidingWindowLayers.isEmpty ? nil
            : RotaryEmbedding(dimensions: shape.ropeDimensions, frequencyBase: shape.localRopeFrequencyBase)
    }

    /// Reads the settings and the tensors of `file` (one pass over its architecture's table) and
    /// prepares the forward pass.
    public convenience init(file: GGUFFile, threads: Int, kernels: KernelPath = .best) throws {
        try self.init(file: file, settings: try ModelHyperparameters(file: file), threads: threads, kernels: kernels)
    }

    /// The same, with the settings already read (by `LoadedModel`, which keeps the token list the
    /// settings read for the tokenizer).
    convenience init(file: GGUFFile, settings: ModelHyperparameters, threads: Int, kernels: KernelPath = .best) throws {
        let shape = try ModelShape(settings)
        let weights = try ModelWeights(file: file, hyperparameters: settings)
        self.init(file: file, shape: shape, weights: weights, threads: threads, kernels: kernels)
    }

    /// Floats per token of the widest fused product's output (0 without fused matrices).
    private var fusedWidth: Int {
        guard let layer = weights.layers.first else { return 0 }
        return max(layer.queryKeyValue?.rows ?? 0, layer.gateUp?.rows ?? 0)
    }

    public var vocabularySize: Int { shape.vocabulary }
    public var contextLength: Int { shape.contextLength }

    /// A cache for up to `capacity` tokens (default: the model's trained context, at most 4096),
    /// in f16 by default as llama.cpp keeps it.
    public func makeCache(capacity: Int? = nil, precision: KVCache.Precision = .f16) throws(ModelError) -> KVCache {
        let capacity = capacity ?? min(shape.contextLength, 4096)
        return try KVCache(layers: shape.layers, capacity: capacity, width: shape.keyValueWidth, precision: precision)
    }

    /// Runs `tokens` after the positions already in `cache` and returns the logits of the last
    /// token (or of every token, `vocabulary` floats each, when `allLogits`).
    public func forward(_ tokens: [TokenID], cache: KVCache, allLogits: Bool = false) throws(ModelError) -> [Float] {
        for token in tokens where token < 0 || token >= shape.vocabulary {
            throw .tokenOutOfRange(token: Int(token), vocabulary: shape.vocabulary)
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
                // One batch (every generated token): its logits as they are, not copied.
                if logits.isEmpty { logits = batchLogits } else { logits += batchLogits }
                start = end
            }
            return logits
        }
    }

    private func buffers(batch: Int, context: Int) -> ForwardBuffers {
        if let buffers, buffers.batch >= batch, buffers.scoresStride >= context { return buffers }
        let made = ForwardBuffers(
            shape: shape, batch: max(batch, buffers?.batch ?? 0), context: max(context, buffers?.scoresStride ?? 0),
            threads: pool.threadCount, fusedWidth: fusedWidth)
        buffers = made
        return made
    }

    /// One batch at positions `start`…; returns no logits unless `logits`, then the last
    /// token's or, with `allLogits`, every token's.
    private func forwardBatch(
        _ tokens: [TokenID], cache: KVCache, start: Int, logits wantLogits: Bool, allLogits: Bool
    ) throws(ModelError) -> [Float] {
        let n = tokens.count
        let d = shape.embedding
        let b = buffers(batch: n, context: cache.capacity)
        let products = MatrixProducts(pool: pool, kernel: chosenKernel)

        for (row, token) in tokens.enumerated() {
            Dequantize.row(weights.tokenEmbedding, row: Int(token), into: b.hidden + row * d)
        }
        if let scale = shape.embeddingScale {
            VectorMath.scale(b.hidden, by: scale, count: n * d)
        }
        for row in 0..<n {
            rope.fillTable(position: start + row, into: b.rope + row * shape.ropeDimensions)
            localRope?.fillTable(position: start + row, into: b.localRope + row * shape.ropeDimensions)
        }

        var firstLayer = 0
        if let offload = attachedOffload {
            let logitRows = wantLogits && offload.computesLogits ? (allLogits ? n : 1) : 0
            var logits = [Float](repeating: 0, count: logitRows * shape.vocabulary)
            try logits.withUnsafeMutableBufferPointer { (out) throws(ModelError) in
                let batch = OffloadBatch(
                    hidden: b.hidden, rows: n, start: start, ropeTable: b.rope,
                    localRopeTable: localRope == nil ? nil : UnsafePointer(b.localRope),
                    logits: out.baseAddress, logitRows: logitRows)
                try offload.run(batch, cache: cache)
            }
            if offload.computesLogits { return logits }
            firstLayer = offload.layerCount
        }

        for (index, layer) in weights.layers.enumerated() where index >= firstLayer {
            normalize(b.hidden, weight: layer.attentionNorm, rows: n, into: b.normed)
            try projectQueryKeyValue(layer, rows: n, buffers: b, products: products)
            let local = shape.slidingWindowLayers.contains(index)
            positionQueryKeyValue(layer, rows: n, start: start, local: local, buffers: b)
            let kvWidth = shape.keyValueWidth
            pool.run(over: n, grain: Self.positionedRowsPerTask) { rows in
                for row in rows {
                    cache.store(layer: index, position: start + row, key: b.key + row * kvWidth, value: b.value + row * kvWidth)
                }
            }
            attend(layer: index, rows: n, start: start, window: local ? shape.slidingWindow : nil, cache: cache, buffers: b)

            let oIn = try b.activations(for: layer.attentionOutput, kernel: chosenKernel)
            oIn.quantize(b.attention, rows: n, path: kernels)
            products.run([MatrixProductJob(weights: layer.attentionOutput, input: oIn, output: b.projected, outputStride: d)])
            if let norm = layer.postAttentionNorm { normalize(b.projected, weight: norm, rows: n, into: b.projected) }
            VectorMath.add(b.projected, into: b.hidden, count: n * d)

            normalize(b.hidden, weight: layer.feedForwardNorm, rows: n, into: b.normed)
            try gatedFeedForward(layer, rows: n, buffers: b, products: products)
            let downIn = try b.activations(for: layer.down, kernel: chosenKernel)
            downIn.quantize(b.gate, rows: n, path: kernels)
            products.run([MatrixProductJob(weights: layer.down, input: downIn, output: b.projected, outputStride: d)])
            if let norm = layer.postFeedForwardNorm { normalize(b.projected, weight: norm, rows: n, into: b.projected) }
            VectorMath.add(b.projected, into: b.hidden, count: n * d)
        }
        guard wantLogits else { return [] }

        // Only the rows whose logits are wanted go through the output projection.
        let first = allLogits ? 0 : n - 1
        let wanted = n - first
        normalize(b.hidden + first * d, weight: weights.outputNorm, rows: wanted, into: b.normed)
        let outIn = try b.activations(for: weights.output, kernel: chosenKernel)
        outIn.quantize(b.normed, rows: wanted, path: kernels)
        var logits = [Float](repeating: 0, count: wanted * shape.vocabulary)
        logits.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            products.run([MatrixProductJob(weights: weights.output, input: outIn, output: base, outputStride: shape.vocabulary)])
        }
        return logits
    }

    /// Queries, keys and values of the normalised rows: three products or one fused (Phi-3),
    /// plus biases where the architecture has them (Qwen 2).
    private func projectQueryKeyValue(
        _ layer: ModelWeights.Layer, rows n: Int, buffers b: ForwardBuffers, products: MatrixProducts
    ) throws(ModelError) {
        let qWidth = shape.queryWidth
        let kvWidth = shape.keyValueWidth
        if let query = layer.query, let key = layer.key, let value = layer.value {
            let qIn = try b.activations(for: query, kernel: chosenKernel)
            let kIn = try b.activations(for: key, kernel: chosenKernel)
            let vIn = try b.activations(for: value, kernel: chosenKernel)
            quantize(b.normed, rows: n, into: [qIn, kIn, vIn])
            products.run([
                MatrixProductJob(weights: query, input: qIn, output: b.query, outputStride: qWidth),
                MatrixProductJob(weights: key, input: kIn, output: b.key, outputStride: kvWidth),
                MatrixProductJob(weights: value, input: vIn, output: b.value, outputStride: kvWidth),
            ])
        } else if let fused = layer.queryKeyValue {
            let fusedIn = try b.activations(for: fused, kernel: chosenKernel)
            fusedIn.quantize(b.normed, rows: n, path: kernels)
            let width = qWidth + 2 * kvWidth
            products.run([MatrixProductJob(weights: fused, input: fusedIn, output: b.fused, outputStride: width)])
            for row in 0..<n {
                let source = b.fused + row * width
                (b.query + row * qWidth).update(from: source, count: qWidth)
                (b.key + row * kvWidth).update(from: source + qWidth, count: kvWidth)
                (b.value + row * kvWidth).update(from: source + qWidth + kvWidth, count: kvWidth)
            }
        }
        for row in 0..<n {
            if let bias = layer.queryBias { VectorMath.add(bias, into: b.query + row * qWidth, count: qWidth) }
            if let bias = layer.keyBias { VectorMath.add(bias, into: b.key + row * kvWidth, count: kvWidth) }
            if let bias = layer.valueBias { VectorMath.add(bias, into: b.value + row * kvWidth, count: kvWidth) }
        }
    }

    /// Per-head query/key norms (Qwen 3, Gemma), RoPE in the architecture's style with the
    /// layer's base, and the query scale where it is applied before attention (Phi-3, Gemma).
    private func positionQueryKeyValue(
        _ layer: ModelWeights.Layer, rows n: Int, start: Int, local: Bool, buffers b: ForwardBuffers
    ) {
        let qWidth = shape.queryWidth
        let kvWidth = shape.keyValueWidth
        let headSize = shape.headSize
        if let norm = layer.queryNorm { normalizeHeads(b.query, weight: norm, count: n * shape.heads) }
        if let norm = layer.keyNorm { normalizeHeads(b.key, weight: norm, count: n * shape.keyValueHeads) }
        let embedding = local ? (localRope ?? rope) : rope
        let tables = local && localRope != nil ? b.localRope : b.rope
        let (ropeDimensions, style, heads, keyValueHeads) = (shape.ropeDimensions, shape.ropeStyle, shape.heads, shape.keyValueHeads)
        pool.run(over: n, grain: Self.positionedRowsPerTask) { rows in
            for row in rows {
                let table = UnsafePointer(tables + row * ropeDimensions)
                switch style {
                case .adjacentPairs:
                    embedding.apply(table: table, to: b.query + row * qWidth, heads: heads, headSize: headSize)
                    embedding.apply(table: table, to: b.key + row * kvWidth, heads: keyValueHeads, headSize: headSize)
                case .halves:
                    embedding.applyToHalves(table: table, to: b.query + row * qWidth, heads: heads, headSize: headSize)
                    embedding.applyToHalves(table: table, to: b.key + row * kvWidth, heads: keyValueHeads, headSize: headSize)
                }
            }
        }
        if shape.queryScaling == .onQuery {
            VectorMath.scale(b.query, by: shape.attentionScale, count: n * qWidth)
        }
    }

    /// act(gate) · up into `b.gate`, from two products or one fused (Phi-3: gate first).
    private func gatedFeedForward(
        _ layer: ModelWeights.Layer, rows n: Int, buffers b: ForwardBuffers, products: MatrixProducts
    ) throws(ModelError) {
        let ff = shape.feedForward
        if let gate = layer.gate, let up = layer.up {
            let gateIn = try b.activations(for: gate, kernel: chosenKernel)
            let upIn = try b.activations(for: up, kernel: chosenKernel)
            quantize(b.normed, rows: n, into: [gateIn, upIn])
            products.run([
                MatrixProductJob(weights: gate, input: gateIn, output: b.gate, outputStride: ff),
                MatrixProductJob(weights: up, input: upIn, output: b.up, outputStride: ff),
            ])
            activate(gate: b.gate, up: b.up, count: n * ff)
        } else if let fused = layer.gateUp {
            let fusedIn = try b.activations(for: fused, kernel: chosenKernel)
            fusedIn.quantize(b.normed, rows: n, path: kernels)
            products.run([MatrixProductJob(weights: fused, input: fusedIn, output: b.fused, outputStride: 2 * ff)])
            for row in 0..<n {
                let source = b.fused + row * 2 * ff
                activate(gate: source, up: source + ff, count: ff)
                (b.gate + row * ff).update(from: source, count: ff)
            }
        }
    }

    /// Elementwise, so spreading it over the pool gives the same bits; a generated token's
    /// one row is small enough that the calling thread does it alone.
    private func activate(gate: UnsafeMutablePointer<Float>, up: UnsafePointer<Float>, count: Int) {
        let activation = shape.activation
        let kernel = HalfCacheAttention.Kernel(for: chosenKernel)
        pool.run(over: count, grain: Self.activationGrain) { range in
            let gate = gate + range.lowerBound, up = up + range.lowerBound
            switch activation {
            case .silu: SwiGLU.apply(gate: gate, up: up, count: range.count, kernel: kernel)
            case .geluTanh: GELU.applyGated(gate: gate, up: up, count: range.count)
            }
        }
    }

    /// Values per activation task: a few microseconds of work, more than a hand-off to the
    /// pool costs; SmolLM2's generated row (1,536 values) stays on the calling thread.
    static let activationGrain = 2048

    /// RMS norm of each of `count` heads in place, with one weight per element of a head.
    private func normalizeHeads(_ x: UnsafeMutablePointer<Float>, weight: [Float], count: Int) {
        let size = shape.headSize
        weight.withUnsafeBufferPointer { w in
            guard let w = w.baseAddress else { return }
            for head in 0..<count {
                RMSNorm.apply(x + head * size, weight: w, count: size, epsilon: shape.rmsEpsilon, into: x + head * size)
            }
        }
    }

    /// Each row on its own, so a prompt's rows are spread over the pool (the same bits).
    private func normalize(_ x: UnsafeMutablePointer<Float>, weight: [Float], rows: Int, into out: UnsafeMutablePointer<Float>) {
        let d = shape.embedding
        let epsilon = shape.rmsEpsilon
        weight.withUnsafeBufferPointer { w in
            guard let w = w.baseAddress else { return }
            pool.run(over: rows, grain: Self.normalizedRowsPerTask) { range in
                for row in range {
                    RMSNorm.apply(x + row * d, weight: w, count: d, epsilon: epsilon, into: out + row * d)
                }
            }
        }
    }

    /// Prompt rows per RMSNorm task.
    static let normalizedRowsPerTask = 16
    /// Prompt rows per task of RoPE and of storing keys and values in the cache.
    static let positionedRowsPerTask = 16

    /// Quantises `x` once per distinct activation buffer (q, k and v usually share one).
    private func quantize(_ x: UnsafePointer<Float>, rows: Int, into targets: [QuantizedActivations]) {
        var done: [ObjectIdentifier] = []
        for target in targets where !done.contains(ObjectIdentifier(target)) {
            target.quantize(x, rows: rows, path: kernels)
            done.append(ObjectIdentifier(target))
        }
    }

    /// Causal attention for every (token, head) pair of the batch, spread over the pool.
    /// `window`: on a sliding-window layer, how many positions (itself included) a token sees.
    private func attend(layer: Int, rows: Int, start: Int, window: Int?, cache: KVCache, buffers b: ForwardBuffers) {
        let heads = shape.heads
        let headSize = shape.headSize
        let group = shape.headsPerKeyValueHead
        let qWidth = heads * headSize
        let kvWidth = shape.keyValueWidth
        // With the scale on the query (Phi-3, Gemma), the scores are not scaled again.
        let scale = shape.queryScaling == .inSoftmax ? shape.attentionScale : 1
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
            // A sliding window hides the positions before `first`: attention starts there.
            let first = window.map { max(0, start + row + 1 - $0) } ?? 0
            let offset = (head / group) * headSize + first * kvWidth
            let query = b.query + row * qWidth + head * headSize
            let output = b.attention + row * qWidth + head * headSize
            let scores = b.scores + thread * b.scoresStride
            let length = start + row + 1 - first
            cache.attend(
                layer: layer, keyValueOffset: offset, query: query, length: length,
                attended: (start + rows + padding - 1) / padding * padding - first, headSize: headSize, scale: scale,
                scores: scores, output: output, singleQuery: rows == 1,
                scratch: b.attentionScratch.slice(thread: thread), products: products)
        }
    }
}
