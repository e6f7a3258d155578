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

    /// The most floats one scores or logits buffer holds: a long prompt's attention and output
    /// run in chunks of rows rather than in one buffer past what a device lets a shader reach.
    static let chunkBytes = 32 << 20

    init(device: ComputeDevice, shape: ModelShape, rows: Int, capacity: Int, staged: Bool) throws(VulkanError) {
        func floats(_ count: Int) throws(VulkanError) -> DeviceBuffer { try DeviceBuffer(device: device, byteCount: 4 * max(1, count)) }
        let chunk = min(Self.chunkBytes, Int(device.info.maxStorageBufferRange)) / 4
        self.rows = rows
        hidden = try floats(rows * shape.embedding)
        normed = try floats(rows * shape.embedding)
        query = try floats(rows * shape.queryWidth)
        key = try floats(rows * shape.keyValueWidth)
        value = try floats(rows * shape.keyValueWidth)
        attention = try floats(rows * shape.queryWidth)
        projected = try floats(rows * shape.embedding)
        gate = try floats(rows * shape.feedForward)
        up = try floats(rows * shape.feedForward)
        rope = try floats(rows * shape.ropeDimensions)
        localRope = try floats(shape.slidingWindowLayers.isEmpty ? 1 : rows * shape.ropeDimensions)
        // At least one row's scores over the whole context, however large the chunk limit.
        scoreFloats = max(shape.heads * capacity, min(chunk, rows * shape.heads * capacity))
        scores = try floats(scoreFloats)
        logitRows = max(1, min(rows, chunk / shape.vocabulary))
        logits = try floats(logitRows * shape.vocabulary)
        if staged {
            upload = try DeviceBuffer(device: device, byteCount: 4 * rows * (shape.embedding + 2 * shape.ropeDimensions), placement: .staging)
            download = try DeviceBuffer(device: device, byteCount: 4 * max(rows * shape.embedding, logitRows * shape.vocabulary), placement: .staging)
        } else {
            upload = nil
            download = nil
        }
    }

    /// Rows of attention one dispatch may take when the cache holds `positions` positions.
    func attentionRows(heads: Int, positions: Int) -> Int { max(1, scoreFloats / (heads * positions)) }

    /// Bytes this scratch takes for a batch of `rows` (what `OffloadPlan` budgets).
    static func byteCount(shape: ModelShape, rows: Int, capacity: Int) -> Int {
        let perRow = 3 * shape.embedding + 2 * shape.queryWidth + 2 * shape.keyValueWidth + 2 * shape.feedForward
            + 2 * shape.ropeDimensions
        let chunk = chunkBytes / 4
        let scores = max(shape.heads * capacity, min(chunk, rows * shape.heads * capacity))
        let logits = max(1, min(rows, chunk / shape.vocabulary)) * shape.vocabulary
        return 4 * (rows * perRow + scores + logits)
    }
}
