// The first layers of a model (and, when they are all there, its output) computed on a Vulkan
// device: the engine's `LayerOffload`. Each batch is one recorded list of dispatches — upload
// the embedded rows and RoPE tables, every offloaded layer with its activations kept on the
// device, then the logits or the hidden rows read back — submitted at once (split only where a
// list is longer than one submission may be). The layer is the CPU forward pass of
// TransformerModel step for step, so a difference between the two is a bug in a shader.

import Engine

/// Sendable because its mutable parts are the scratch memory, used only inside `run` (which the
/// engine calls with the model's forward lock held), and `staged` and `integerProducts`, which
/// only tests set, before the first batch.
public final class DeviceLayers: LayerOffload, @unchecked Sendable {
    public let device: ComputeDevice
    public let layerCount: Int
    public let computesLogits: Bool
    let shape: ModelShape
    let layers: [DeviceLayerWeights]
    let outputNorm: DeviceBuffer?
    let output: DeviceMatrix?
    /// Whether the batch's inputs and results travel through staging memory and copies recorded
    /// in its one submission (a card with its own memory), rather than straight through mapped
    /// device memory (lavapipe, integrated graphics). Tests set it to run that path on lavapipe.
    var staged: Bool
    /// Whether products take their inputs as 8-bit codes and sum with integer dot products, as the
    /// processor's usual path and llama.cpp do (`Kernels.quantize`): on a device with the
    /// instruction, for each matrix whose type has such a shader (every quantised type the card
    /// multiplies; an F16 or F32 matrix, such as an output some files keep in F16, takes f32
    /// inputs). On lavapipe such products of a 2048 × 2048 matrix take about half the time of f32
    /// inputs (IntegerProductTests' timing printout). Tests turn it off to run the f32 shaders.
    var integerProducts: Bool {
        didSet { scratch = nil }
    }
    private var scratch: DeviceScratch?

    /// Uploads layers 0 ..< `layerCount` of `model` (and the output, with `output` and every
    /// layer) to `device`. The caller attaches the result (`model.offload = ...`).
    public init(model: TransformerModel, device: ComputeDevice, layerCount: Int, output: Bool) throws(VulkanError) {
        let shape = model.shape
        guard layerCount >= 1, layerCount <= shape.layers else {
            throw VulkanError(step: "placing layers on the device", detail: "\(layerCount) of \(shape.layers) layers")
        }
        guard shape.headSize <= Kernels.maxAttentionHeadSize, shape.headSize % 2 == 0 else {
            throw VulkanError(step: "placing layers on the device", detail: "a head size of \(shape.headSize) is not supported on the graphics card")
        }
        var layers: [DeviceLayerWeights] = []
        for layer in model.weights.layers.prefix(layerCount) {
            layers.append(try DeviceLayerWeights(uploading: layer, shape: shape, to: device))
        }
        let withOutput = output && layerCount == shape.layers
        self.device = device
        self.layerCount = layerCount
        self.shape = shape
        self.layers = layers
        computesLogits = withOutput
        staged = !device.hasUnifiedMemory
        outputNorm = withOutput ? try DeviceLayerWeights.upload(model.weights.outputNorm, to: device) : nil
        let outputMatrix = withOutput ? try DeviceMatrix(uploading: model.weights.output, to: device) : nil
        self.output = outputMatrix
        let matrices = layers.flatMap(\.matrices) + (outputMatrix.map { [$0] } ?? [])
        integerProducts = device.usesIntegerDotProduct && matrices.contains { Kernels.hasIntegerProduct(for: $0.type) }
    }

    /// Whether any matrix of `model` has an integer dot product shader (then the scratch holds
    /// codes; it is budgeted for before a device is chosen).
    static func integerCapable(_ model: TransformerModel) -> Bool {
        ([model.weights.output] + model.weights.layers.flatMap(\.matrices)).contains { Kernels.hasIntegerProduct(for: $0.type) }
    }

    /// What the device must hold for `model` with a context of `capacity` positions (for `OffloadPlan`).
    public static func needs(of model: TransformerModel, capacity: Int) -> OffloadPlan.Needs {
        let shape = model.shape
        return OffloadPlan.Needs(
            layerBytes: model.weights.layers.map { UInt64(DeviceLayerWeights.byteCount(of: $0)) },
            cacheBytesPerLayer: UInt64(2 * DeviceCache.bytesPerLayerHalf(capacity: capacity, width: shape.keyValueWidth)),
            outputBytes: UInt64(model.weights.output.byteCount + 4 * model.weights.outputNorm.count),
            scratchBytes: UInt64(DeviceScratch.byteCount(shape: shape, rows: TransformerModel.maximumBatch, capacity: capacity,
                                                         integerProducts: integerCapable(model))))
    }

    public func run(_ batch: OffloadBatch, cache: KVCache) throws(ModelError) {
        do {
            try record(batch, cache: cache)
        } catch {
            throw .device(error.message)
        }
    }

    private func record(_ batch: OffloadBatch, cache: KVCache) throws(VulkanError) {
        let n = batch.rows
        let d = shape.embedding
        let kv = try DeviceCache.attached(to: cache, device: device, layers: layerCount, width: shape.keyValueWidth, start: batch.start)
        guard batch.start + n <= kv.capacity else {
            throw VulkanError(step: "running a batch", detail: "positions up to \(batch.start + n) do not fit the cache of \(kv.capacity)")
        }
        let s = try scratch(rows: n, capacity: kv.capacity)
        let uploads = try upload(batch, scratch: s)

        var work: [KernelDispatch] = []
        for index in 0..<layerCount {
            work += try layer(index, rows: n, start: batch.start, cache: kv, scratch: s, localTable: batch.localRopeTable != nil)
        }

        guard computesLogits, let output, let outputNorm else {
            try submit(work, uploads: uploads, result: s.hidden, scratch: s, into: UnsafeMutableRawPointer(batch.hidden), bytes: 4 * n * d)
            return
        }
        guard batch.logitRows > 0, let logits = batch.logits else {
            try submit(work, uploads: uploads, result: nil, scratch: s, into: nil, bytes: 0)
            return
        }
        // The last `logitRows` rows, normalised, then projected a chunk of rows at a time (the
        // first chunk in the same submission as the layers: one submission per generated token).
        let first = n - batch.logitRows
        work.append(try Kernels.rmsNorm(s.hidden, inputOffset: first * d, weight: outputNorm, into: s.normed,
                                        rows: batch.logitRows, count: d, epsilon: shape.rmsEpsilon))
        var done = 0
        var pending = uploads
        while done < batch.logitRows {
            let rows = min(s.logitRows, batch.logitRows - done)
            work += try products([(output, s.logits)], input: s.normed, inputOffset: done * d, vectors: rows, scratch: s)
            let count = rows * shape.vocabulary
            try submit(work, uploads: pending, result: s.logits, scratch: s,
                       into: UnsafeMutableRawPointer(logits + done * shape.vocabulary), bytes: 4 * count)
            work = []
            pending = []
            done += rows
        }
    }

    /// Puts the batch's hidden rows and RoPE tables where the shaders read them: straight into
    /// mapped device memory, or into staging memory, returning the copies to record.
    private func upload(_ batch: OffloadBatch, scratch s: DeviceScratch) throws(VulkanError) -> [BufferCopy] {
        let hiddenBytes = 4 * batch.rows * shape.embedding
        let tableBytes = 4 * batch.rows * shape.ropeDimensions
        var parts: [(UnsafeRawPointer, DeviceBuffer, Int)] = [(UnsafeRawPointer(batch.hidden), s.hidden, hiddenBytes),
                                                             (UnsafeRawPointer(batch.ropeTable), s.rope, tableBytes)]
        if let local = batch.localRopeTable { parts.append((UnsafeRawPointer(local), s.localRope, tableBytes)) }
        guard staged, let staging = s.upload else {
            for (source, target, bytes) in parts { try target.write(UnsafeRawBufferPointer(start: source, count: bytes)) }
            return []
        }
        var copies: [BufferCopy] = []
        var offset = 0
        for (source, target, bytes) in parts {
            try staging.write(UnsafeRawBufferPointer(start: source, count: bytes), at: offset)
            copies.append(BufferCopy(source: staging, sourceOffset: offset, target: target, targetOffset: 0, byteCount: bytes))
            offset += bytes
        }
        return copies
    }

    /// Runs `work` (with `uploads` first) and copies `bytes` of `result` to `host`: through the
    /// staging memory in the same submission, or read from mapped memory afterwards.
    private func submit(
        _ work: [KernelDispatch], uploads: [BufferCopy], result: DeviceBuffer?, scratch s: DeviceScratch,
        into host: UnsafeMutableRawPointer?, bytes: Int
    ) throws(VulkanError) {
        guard let result, let host, bytes > 0 else {
            try runAll(work, uploads: uploads, downloads: [])
            return
        }
        guard staged, let staging = s.download else {
            try runAll(work, uploads: uploads, downloads: [])
            try result.read(into: UnsafeMutableRawBufferPointer(start: host, count: bytes))
            return
        }
        try runAll(work, uploads: uploads, downloads: [BufferCopy(source: result, sourceOffset: 0, target: staging, targetOffset: 0, byteCount: bytes)])
        try staging.read(into: UnsafeMutableRawBufferPointer(start: host, count: bytes))
    }

    /// One layer's dispatches, in TransformerModel's order.
    private func layer(_ index: Int, rows n: Int, start: Int, cache: DeviceCache, scratch s: DeviceScratch, localTable: Bool) throws(VulkanError) -> [KernelDispatch] {
        let w = layers[index]
        let (d, qWidth, kvWidth, ff) = (shape.embedding, shape.queryWidth, shape.keyValueWidth, shape.feedForward)
        let epsilon = shape.rmsEpsilon
        var work: [KernelDispatch] = []

        work.append(try Kernels.rmsNorm(s.hidden, weight: w.attentionNorm, into: s.normed, rows: n, count: d, epsilon: epsilon))
        work += try products([(w.query, s.query), (w.key, s.key), (w.value, s.value)], input: s.normed, vectors: n, scratch: s)
        if let bias = w.queryBias { work.append(try Kernels.add(s.query, bias, count: n * qWidth, addendPeriod: qWidth)) }
        if let bias = w.keyBias { work.append(try Kernels.add(s.key, bias, count: n * kvWidth, addendPeriod: kvWidth)) }
        if let bias = w.valueBias { work.append(try Kernels.add(s.value, bias, count: n * kvWidth, addendPeriod: kvWidth)) }

        // Per-head norms (Qwen 3, Gemma) in place: each head's values are read before written.
        if let norm = w.queryNorm {
            work.append(try Kernels.rmsNorm(s.query, weight: norm, into: s.query, rows: n * shape.heads, count: shape.headSize, epsilon: epsilon))
        }
        if let norm = w.keyNorm {
            work.append(try Kernels.rmsNorm(s.key, weight: norm, into: s.key, rows: n * shape.keyValueHeads, count: shape.headSize, epsilon: epsilon))
        }
        let local = shape.slidingWindowLayers.contains(index)
        let table = local && localTable ? s.localRope : s.rope
        let style: Kernels.RotaryStyle = shape.ropeStyle == .halves ? .halves : .adjacent
        work.append(try Kernels.rope(s.query, table: table, batch: n, heads: shape.heads, headSize: shape.headSize,
                                     dimensions: shape.ropeDimensions, style: style))
        work.append(try Kernels.rope(s.key, table: table, batch: n, heads: shape.keyValueHeads, headSize: shape.headSize,
                                     dimensions: shape.ropeDimensions, style: style))
        if shape.queryScaling == .onQuery {
            work.append(try Kernels.scale(s.query, by: shape.attentionScale, count: n * qWidth))
        }

        work.append(try Kernels.storeHalves(s.key, into: cache.keys[index], halfOffset: start * kvWidth, count: n * kvWidth))
        work.append(try Kernels.storeHalves(s.value, into: cache.values[index], halfOffset: start * kvWidth, count: n * kvWidth))
        let scale = shape.queryScaling == .inSoftmax ? shape.attentionScale : 1
        let chunk = s.attentionRows(heads: shape.heads, positions: start + n)
        var row = 0
        while row < n {
            let rows = min(chunk, n - row)
            work.append(try Kernels.attention(
                queries: s.query, queryOffset: row * qWidth, keys: cache.keys[index], values: cache.values[index],
                scores: s.scores, into: s.attention, outputOffset: row * qWidth, rows: rows, start: start + row,
                heads: shape.heads, kvHeads: shape.keyValueHeads, headSize: shape.headSize, scale: scale,
                window: local ? shape.slidingWindow : nil))
            row += rows
        }

        work += try products([(w.attentionOutput, s.projected)], input: s.attention, vectors: n, scratch: s)
        if let norm = w.postAttentionNorm {
            work.append(try Kernels.rmsNorm(s.projected, weight: norm, into: s.projected, rows: n, count: d, epsilon: epsilon))
        }
        work.append(try Kernels.add(s.hidden, s.projected, count: n * d))

        work.append(try Kernels.rmsNorm(s.hidden, weight: w.feedForwardNorm, into: s.normed, rows: n, count: d, epsilon: epsilon))
        work += try products([(w.gate, s.gate), (w.up, s.up)], input: s.normed, vectors: n, scratch: s)
        switch shape.activation {
        case .silu: work.append(try Kernels.swiglu(gate: s.gate, up: s.up, count: n * ff))
        case .geluTanh: work.append(try Kernels.gelu(gate: s.gate, up: s.up, count: n * ff))
        }
        work += try products([(w.down, s.projected)], input: s.gate, vectors: n, scratch: s)
        if let norm = w.postFeedForwardNorm {
            work.append(try Kernels.rmsNorm(s.projected, weight: norm, into: s.projected, rows: n, count: d, epsilon: epsilon))
        }
        work.append(try Kernels.add(s.hidden, s.projected, count: n * d))
        return work
    }

    /// The products of `vectors` rows of `input` with matrices that share it (query, key and
    /// value; gate and up), each into its buffer: with integer dot products the input is turned
    /// into codes once for all the matrices that take them; any other takes the f32 input.
    private func products(
        _ targets: [(DeviceMatrix, DeviceBuffer)], input: DeviceBuffer, inputOffset: Int = 0, vectors: Int, scratch s: DeviceScratch
    ) throws(VulkanError) -> [KernelDispatch] {
        var work: [KernelDispatch] = []
        var quantized = false
        for (matrix, output) in targets {
            guard integerProducts, let codes = s.codes, Kernels.hasIntegerProduct(for: matrix.type) else {
                work += try Kernels.multiply(matrix, input, inputOffset: inputOffset, into: output, vectors: vectors)
                continue
            }
            if !quantized {
                work.append(try Kernels.quantize(input, inputOffset: inputOffset, vectors: vectors, columns: matrix.columns, into: codes))
                quantized = true
            }
            work += try Kernels.multiply(matrix, codes: codes, into: output, vectors: vectors)
        }
        return work
    }

    private func scratch(rows: Int, capacity: Int) throws(VulkanError) -> DeviceScratch {
        if let scratch, scratch.rows >= rows, scratch.scoreFloats >= shape.heads * capacity, (scratch.upload != nil) == staged { return scratch }
        scratch = nil  // the old buffers go before the new ones are made
        let made = try DeviceScratch(device: device, shape: shape, rows: rows, capacity: capacity, staged: staged,
                                     integerProducts: integerProducts)
        scratch = made
        return made
    }

    /// Submits `work` in as few submissions as the device allows, in order: the uploads with the
    /// first, the downloads with the last.
    private func runAll(_ work: [KernelDispatch], uploads: [BufferCopy], downloads: [BufferCopy]) throws(VulkanError) {
        var from = 0
        repeat {
            let to = min(work.count, from + ComputeDevice.maxDispatchesPerSubmit)
            try device.run(Array(work[from..<to]), uploads: from == 0 ? uploads : [], downloads: to == work.count ? downloads : [])
            from = to
        } while from < work.count
    }
}
