// Small float vector loops the ops share (dot product, scaled add, scale), written with SIMD
// types so they vectorise (multiply then add: without FMA in the build target a fused
// multiply-add becomes a library call per lane); each has a plain twin in the tests.

@usableFromInline typealias FloatVector = SIMD16<Float>

@usableFromInline
enum VectorMath {
    /// Σ a[i]·b[i] in Float, eight lanes of partial sums per vector.
    @inlinable @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let width = FloatVector.scalarCount
        var sum = FloatVector()
        var i = 0
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        while i + width <= count {
            let x = rawA.loadUnaligned(fromByteOffset: i * 4, as: FloatVector.self)
            let y = rawB.loadUnaligned(fromByteOffset: i * 4, as: FloatVector.self)
            sum += x * y
            i += width
        }
        var total = sum.sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }

    /// y[i] += alpha · x[i].
    @inlinable @inline(__always)
    static func addScaled(_ x: UnsafePointer<Float>, by alpha: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
        let width = FloatVector.scalarCount
        var i = 0
        let rawX = UnsafeRawPointer(x)
        let rawY = UnsafeMutableRawPointer(y)
        let factor = FloatVector(repeating: alpha)
        while i + width <= count {
            let vx = rawX.loadUnaligned(fromByteOffset: i * 4, as: FloatVector.self)
            var vy = rawY.loadUnaligned(fromByteOffset: i * 4, as: FloatVector.self)
            vy += vx * factor
            rawY.storeBytes(of: vy, toByteOffset: i * 4, as: FloatVector.self)
            i += width
        }
        while i < count {
            y[i] += alpha * x[i]
            i += 1
        }
    }

    /// x[i] *= factor.
    @inlinable @inline(__always)
    static func scale(_ x: UnsafeMutablePointer<Float>, by factor: Float, count: Int) {
        for i in 0..<count { x[i] *= factor }
    }

    /// x[i] += y[i] (the residual connection).
    @inlinable @inline(__always)
    static func add(_ y: UnsafePointer<Float>, into x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] += y[i] }
    }
}
