// One query head attending over one layer of a KV cache, whatever the cache stores: the f16
// cache goes through llama.cpp's order (`HalfCacheAttention`, F16C kernel or Swift twin), or the
// plain f16 order for head sizes that kernel does not take; the f32 cache through `Attention`.

extension KVCache {
    /// - keyValueOffset: where the query's key/value head starts in a position's row.
    /// - length: positions this query may see; attended: positions in use in the cache (≥ length).
    /// - scores: scratch for `attended` floats; scratch: the calling thread's slice.
    /// - products: the model's matrix-product kernel (the attention kernel follows it).
    func attend(
        layer: Int, keyValueOffset: Int, query: UnsafePointer<Float>, length: Int, attended: Int,
        headSize: Int, scale: Float, scores: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>,
        singleQuery: Bool, scratch: AttentionScratch.Slice, products: ProductKernel
    ) {
        switch precision {
        case .f32:
            let (keys, values) = floatLayer(layer)
            Attention.attend(
                query: query, keys: keys + keyValueOffset, values: values + keyValueOffset, length: length,
                headSize: headSize, stride: width, scale: scale, scores: scores, output: output)
        case .f16:
            let (keys, values) = halfLayer(layer)
            if HalfCacheAttention.supports(headSize: headSize) {
                HalfCacheAttention.attend(
                    query: query, keys: keys + keyValueOffset, values: values + keyValueOffset, length: length,
                    attended: attended, headSize: headSize, stride: width, scale: scale, scores: scores,
                    output: output, singleQuery: singleQuery, scratch: scratch,
                    kernel: HalfCacheAttention.Kernel(for: products))
            } else {
                HalfCacheAttention.attendPlain(
                    query: query, keys: keys + keyValueOffset, values: values + keyValueOffset, length: length,
                    headSize: headSize, stride: width, scale: scale, scores: scores, output: output)
            }
        }
    }
}
