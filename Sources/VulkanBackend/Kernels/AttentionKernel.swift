// Attention on the graphics card over an f16 KV cache kept in device buffers in the engine's
// layout (KVCache: per layer, position-major rows of key heads × head size f16 values; keys
// and values in separate buffers). The CPU twin is the engine's HalfCacheAttention.

extension Kernels {
    /// The largest head size the shader holds in shared memory (HalfCacheAttention's limit too).
    public static let maxAttentionHeadSize = 512

    /// Causal, grouped-query attention for `rows` consecutive positions starting at `start`:
    /// row r's `heads` query heads (`heads` × `headSize` floats per row from `queryOffset`) see
    /// the cache's positions 0 ... start + r; query head h reads key/value head h / (heads / kvHeads).
    /// - window: on a sliding-window layer, the positions a row sees, itself included: row r sees
    ///   max(0, start + r + 1 − window) ... start + r, as TransformerModel.attend; nil: all.
    /// - cacheOffset: f16 values in `keys` and `values` before this layer's position 0 (even).
    /// - scores: scratch for rows × heads × (start + rows) floats.
    /// - output: rows × heads × headSize floats from `outputOffset`.
    public static func attention(
        queries: DeviceBuffer, queryOffset: Int = 0, keys: DeviceBuffer, values: DeviceBuffer, cacheOffset: Int = 0,
        scores: DeviceBuffer, into output: DeviceBuffer, outputOffset: Int = 0,
        rows: Int = 1, start: Int, heads: Int, kvHeads: Int, headSize: Int, scale: Float, window: Int? = nil
    ) throws(VulkanError) -> KernelDispatch {
        let shader = Shader.attentionF16
        guard rows >= 1, start >= 0, kvHeads >= 1, heads >= kvHeads, heads % kvHeads == 0 else {
            throw bad(shader, "\(rows) rows from position \(start) with \(heads) query heads over \(kvHeads) key heads")
        }
        // Even sizes and offsets: the shader reads two f16 values (one 32-bit word) at a time.
        guard headSize >= 2, headSize % 2 == 0, headSize <= maxAttentionHeadSize, cacheOffset >= 0, cacheOffset % 2 == 0 else {
            throw bad(shader, "a head size of \(headSize) at cache offset \(cacheOffset)")
        }
        if let window, window < 1 { throw bad(shader, "a window of \(window) positions") }
        let (positions, past) = start.addingReportingOverflow(rows)
        if past { throw bad(shader, "\(rows) rows from position \(start) are out of range") }
        let (cacheHalves, beyond) = cacheOffset.addingReportingOverflow(try size(shader, positions, kvHeads, headSize))
        if beyond { throw bad(shader, "a cache offset of \(cacheOffset) is out of range") }
        for buffer in [keys, values] where cacheHalves > buffer.byteCount / 2 {
            throw bad(shader, "\(positions) positions do not fit a cache buffer of \(buffer.byteCount / 2) f16 values")
        }
        let queryFloats = try size(shader, rows, heads, headSize)
        try checkFloats(queries, queryOffset, queryFloats, shader)
        try checkFloats(scores, 0, try size(shader, rows, heads, positions), shader)
        try checkFloats(output, outputOffset, queryFloats, shader)
        var constants = try words(shader, [rows, heads, kvHeads, headSize, start, cacheOffset, queryOffset, outputOffset, positions])
        constants.append(scale.bitPattern)
        // A window as long as the context hides nothing; 0 tells the shader so (and always fits 32 bits).
        constants.append(UInt32(window.map { $0 >= positions ? 0 : $0 } ?? 0))
        return KernelDispatch(shader, buffers: [queries, keys, values, scores, output], constants: constants,
                              groups: KernelDispatch.grid(items: rows * heads, perGroup: 1))
    }
}
