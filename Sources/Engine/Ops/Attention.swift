// Scaled dot-product attention of one query head over the keys and values cached so far
// (causal: a position sees itself and everything before it), for an f32 cache. Grouped-query
// attention is the caller's choice of which cached head to read.

public enum Attention {
    /// Attention for one query vector over `length` cached positions.
    /// - keys/values: position-major, `stride` floats between consecutive positions.
    /// - scores: scratch space for `length` floats.
    @inlinable
    public static func attend(
        query: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>,
        length: Int, headSize: Int, stride: Int, scale: Float,
        scores: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        for t in 0..<length {
            scores[t] = VectorMath.dot(query, keys + t * stride, count: headSize) * scale
        }
        Softmax.apply(scores, count: length)
        output.update(repeating: 0, count: headSize)
        for t in 0..<length {
            VectorMath.addScaled(values + t * stride, by: scores[t], into: output, count: headSize)
        }
    }

    /// The definition in Double, for one head: keys[t] and values[t] are vectors of headSize.
    public static func reference(query: [Float], keys: [[Float]], values: [[Float]], scale: Float) -> [Float] {
        let scores = keys.map { key in
            Float(zip(query, key).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } * Double(scale))
        }
        let weights = Softmax.reference(scores)
        var out = [Double](repeating: 0, count: query.count)
        for (weight, value) in zip(weights, values) {
            for i in 0..<out.count { out[i] += Double(weight) * Double(value[i]) }
        }
        return out.map { Float($0) }
    }
}
