// Scaled dot-product attention of one query head over the keys and values cached so far
// (causal: a position sees itself and everything before it). Grouped-query attention is the
// caller's choice of which cached head to read.

public enum Attention {
    /// Attention for one query vector over `length` cached positions.
    /// - keys/values: position-major, `stride` floats between consecutive positions.
    /// - scores: scratch space for `length` floats.
    @inlinable
    public static func attend<Element: KVElement>(
        query: UnsafePointer<Float>, keys: UnsafePointer<Element>, values: UnsafePointer<Element>,
        length: Int, headSize: Int, stride: Int, scale: Float,
        scores: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        for t in 0..<length {
            scores[t] = Element.dot(query, keys + t * stride, count: headSize) * scale
        }
        Softmax.apply(scores, count: length)
        output.update(repeating: 0, count: headSize)
        for t in 0..<length {
            Element.addScaled(values + t * stride, by: scores[t], into: output, count: headSize)
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

/// A number format the key/value cache can hold: Float (exact) or Float16 (half the memory).
public protocol KVElement: Sendable {
    init(_ value: Float)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Self>, count: Int) -> Float
    static func addScaled(_ x: UnsafePointer<Self>, by alpha: Float, into y: UnsafeMutablePointer<Float>, count: Int)
}

extension Float: KVElement {
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        VectorMath.dot(a, b, count: count)
    }

    @inlinable @inline(__always)
    public static func addScaled(_ x: UnsafePointer<Float>, by alpha: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
        VectorMath.addScaled(x, by: alpha, into: y, count: count)
    }
}

extension Float16: KVElement {
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float16>, count: Int) -> Float {
        var sum: Float = 0
        for i in 0..<count { sum += a[i] * Float(b[i]) }
        return sum
    }

    @inlinable @inline(__always)
    public static func addScaled(_ x: UnsafePointer<Float16>, by alpha: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] += alpha * Float(x[i]) }
    }
}
