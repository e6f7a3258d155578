// The device's working memory for one forward batch of up to `rows` tokens: the residual stream
// and every intermediate the layers pass along, kept on the device between layers. Made for the
// largest batch seen so far and reused, so generating a token allocates nothing.

import Engine

final class DeviceScratch {
    let rows: Int
    let hidden: DeviceBuffer
    let normed: DeviceBuffer
    let query: DeviceBuffer
    let key: DeviceBuffer
    let value: DeviceBuffer
    let attention: DeviceBuffer
    let projected: DeviceBuffer
    let gate: DeviceBuffer
    let up: DeviceBuffer
    let rope: DeviceBuffer
    let localRope: DeviceBuffer
    /// Attention scores for a chunk of rows (`scoreFloats`); attention runs in chunks that fit it.
    let scores: DeviceBuffer
    let scoreFloats: Int
    /// Logits for a chunk of rows (`logitRows` × vocabulary).
    let logits: DeviceBuffer
    let logitRows: Int
    /// On a card with its own memory: processor-visible memory the batch's inputs are written to
    /// (hidden rows, then the RoPE tables) and the results read from, copied in the submission.
    let upload: DeviceBuffer?
    let download: DeviceBuffer?
    /// The 8-bit codes of a product's input vectors, when the layers multiply with integer dot
    /// products (`Kernels.quantize`): room for every row of the widest input.
    let codes: DeviceBuffer?

    /// The most floats one scores or logits buffer holds: a long prompt's attention and output
    /// run in chunks of rows rather than in one buffer past what a device lets a shader reach.
    static let chunkBytes = 32 << 20

    /// Floats in each buffer for a batch of `rows` with a context of `capacity` positions: the
    /// one statement of the sizes, read by `init` and by `byteCount` (what OffloadPlan budgets).
    struct Sizes {
        let hidden, query, keyValue, feedForward, table, localTable, scores, logitRows, logits, codes: Int

        init(shape: ModelShape, rows: Int, capacity: Int, chunkFloats: Int, integerProducts: Bool) {
            hidden = rows * shape.embedding
            query = rows * shape.queryWidth
            keyValue = rows * shape.keyValueWidth
            feedForward = rows * shape.feedForward
            table = rows * shape.ropeDimensions
            localTable = shape.slidingWindowLayers.isEmpty ? 1 : table
            // At least one row's scores over the whole context, however large the chunk limit.
            scores = max(shape.heads * capacity, min(chunkFloats, rows * shape.heads * capacity))
            logitRows = max(1, min(rows, chunkFloats / shape.vocabulary))
            logits = logitRows * shape.vocabulary
            let widest = max(shape.embedding, shape.queryWidth, shape.feedForward)
            codes = integerProducts ? rows * Kernels.codeWords(columns: widest) : 0
        }

        /// Every device buffer's 32-bit words together (the staging memory, on a card that needs it, aside).
        var deviceFloats: Int { 3 * hidden + 2 * query + 2 * keyValue + 2 * feedForward + table + localTable + scores + logits + codes }
    }

    init(device: ComputeDevice, shape: ModelShape, rows: Int, capacity: Int, staged: Bool, integerProducts: Bool) throws(VulkanError) {
        func floats(_ count: Int) throws(VulkanError) -> DeviceBuffer { try DeviceBuffer(device: device, byteCount: 4 * max(1, count)) }
        let size = Sizes(shape: shape, rows: rows, capacity: capacity, chunkFloats: min(Self.chunkBytes, Int(device.info.maxStorageBufferRange)) / 4,
                         integerProducts: integerProducts)
        self.rows = rows
        hidden = try floats(size.hidden)
        normed = try floats(size.hidden)
        query = try floats(size.query)
        key = try floats(size.keyValue)
        value = try floats(size.keyValue)
        attention = try floats(size.query)
        projected = try floats(size.hidden)
        gate = try floats(size.feedForward)
        up = try floats(size.feedForward)
        rope = try floats(size.table)
        localRope = try floats(size.localTable)
        scoreFloats = size.scores
        scores = try floats(size.scores)
        logitRows = size.logitRows
        logits = try floats(size.logits)
        codes = integerProducts ? try floats(size.codes) : nil
        if staged {
            upload = try DeviceBuffer(device: device, byteCount: 4 * (size.hidden + 2 * size.table), placement: .staging)
            download = try DeviceBuffer(device: device, byteCount: 4 * max(size.hidden, size.logits), placement: .staging)
        } else {
            upload = nil
            download = nil
        }
    }

    /// Rows of attention one dispatch may take when the cache holds `positions` positions.
    func attentionRows(heads: Int, positions: Int) -> Int { max(1, scoreFloats / (heads * positions)) }

    /// Bytes this scratch takes on the device for a batch of `rows` (what `OffloadPlan` budgets).
    static func byteCount(shape: ModelShape, rows: Int, capacity: Int, integerProducts: Bool) -> Int {
        4 * Sizes(shape: shape, rows: rows, capacity: capacity, chunkFloats: chunkBytes / 4, integerProducts: integerProducts).deviceFloats
    }
}
