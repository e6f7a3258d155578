// One transformer layer's weights copied to the device: matrices as they lie in the file (the
// shaders decode the blocks), norms and biases as floats. A fused matrix (Phi-3's query-key-value,
// gate-up) is uploaded as its row ranges, so every product writes straight into its own buffer.

import Engine

struct DeviceLayerWeights {
    let attentionNorm: DeviceBuffer
    let query: DeviceMatrix
    let key: DeviceMatrix
    let value: DeviceMatrix
    let queryBias: DeviceBuffer?
    let keyBias: DeviceBuffer?
    let valueBias: DeviceBuffer?
    let queryNorm: DeviceBuffer?
    let keyNorm: DeviceBuffer?
    let attentionOutput: DeviceMatrix
    let postAttentionNorm: DeviceBuffer?
    let feedForwardNorm: DeviceBuffer
    let gate: DeviceMatrix
    let up: DeviceMatrix
    let down: DeviceMatrix
    let postFeedForwardNorm: DeviceBuffer?

    /// Every weight matrix of the layer, in the order the forward pass multiplies them.
    var matrices: [DeviceMatrix] { [query, key, value, attentionOutput, gate, up, down] }

    init(uploading layer: ModelWeights.Layer, shape: ModelShape, to device: ComputeDevice) throws(VulkanError) {
        func vector(_ values: [Float]) throws(VulkanError) -> DeviceBuffer { try DeviceLayerWeights.upload(values, to: device) }
        func optional(_ values: [Float]?) throws(VulkanError) -> DeviceBuffer? { try values.map { v throws(VulkanError) in try vector(v) } }
        func matrix(_ weights: WeightMatrix) throws(VulkanError) -> DeviceMatrix { try DeviceMatrix(uploading: weights, to: device) }
        func rows(_ weights: WeightMatrix, _ first: Int, _ count: Int) throws(VulkanError) -> DeviceMatrix {
            try matrix(try Self.rows(of: weights, from: first, count: count))
        }

        attentionNorm = try vector(layer.attentionNorm)
        if let q = layer.query, let k = layer.key, let v = layer.value {
            query = try matrix(q)
            key = try matrix(k)
            value = try matrix(v)
        } else if let fused = layer.queryKeyValue {
            query = try rows(fused, 0, shape.queryWidth)
            key = try rows(fused, shape.queryWidth, shape.keyValueWidth)
            value = try rows(fused, shape.queryWidth + shape.keyValueWidth, shape.keyValueWidth)
        } else {
            throw VulkanError(step: "copying a layer to the device", detail: "it has no attention weights")
        }
        queryBias = try optional(layer.queryBias)
        keyBias = try optional(layer.keyBias)
        valueBias = try optional(layer.valueBias)
        queryNorm = try optional(layer.queryNorm)
        keyNorm = try optional(layer.keyNorm)
        attentionOutput = try matrix(layer.attentionOutput)
        postAttentionNorm = try optional(layer.postAttentionNorm)
        feedForwardNorm = try vector(layer.feedForwardNorm)
        if let g = layer.gate, let u = layer.up {
            gate = try matrix(g)
            up = try matrix(u)
        } else if let fused = layer.gateUp {
            gate = try rows(fused, 0, shape.feedForward)
            up = try rows(fused, shape.feedForward, shape.feedForward)
        } else {
            throw VulkanError(step: "copying a layer to the device", detail: "it has no feed-forward weights")
        }
        down = try matrix(layer.down)
        postFeedForwardNorm = try optional(layer.postFeedForwardNorm)
    }

    /// Bytes the layer's weights take on the device (what `OffloadPlan` budgets before uploading).
    static func byteCount(of layer: ModelWeights.Layer) -> Int {
        layer.matrices.reduce(0) { $0 + $1.byteCount } + layer.vectors.reduce(0) { $0 + 4 * $1.count }
    }

    static func upload(_ values: [Float], to device: ComputeDevice) throws(VulkanError) -> DeviceBuffer {
        let buffer = try DeviceBuffer(device: device, byteCount: max(4, 4 * values.count))
        try buffer.write(values)
        return buffer
    }

    /// Rows first ..< first + count of `matrix`, still pointing into the mapped file.
    static func rows(of matrix: WeightMatrix, from first: Int, count: Int) throws(VulkanError) -> WeightMatrix {
        guard first >= 0, count > 0, first + count <= matrix.rows else {
            throw VulkanError(step: "splitting a fused matrix", detail: "rows \(first) ..< \(first + count) of \(matrix.rows)")
        }
        do {
            return try WeightMatrix(base: matrix.base + first * matrix.rowBytes, type: matrix.type, rows: count, columns: matrix.columns)
        } catch {
            throw VulkanError(step: "splitting a fused matrix", detail: "\(error)")
        }
    }
}
