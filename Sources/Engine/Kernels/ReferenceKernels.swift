// The plain twins of the fast kernels: decode weights and quantised activations to f32 and
// multiply in f32, one value at a time. Slow and obviously right; tests and the self-test
// compare every fast path against these.

public enum ReferenceKernels {
    /// Same contract as `MatrixProduct.multiply`: y[b·yStride + r] = Σ_c W[r, c]·x[b, c].
    public static func multiply(_ w: WeightMatrix, _ x: borrowing QuantizedActivations, rows: Range<Int>, into y: UnsafeMutablePointer<Float>, yStride: Int) {
        MatrixProduct.checkOperands(w, x, rows: rows)
        let n = w.columns
        let activations = UnsafeMutablePointer<Float>.allocate(capacity: n * x.batch)
        let weights = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer {
            activations.deallocate()
            weights.deallocate()
        }
        for b in 0..<x.batch {
            BlockFormats.dequantizeRow(x.row(b), type: x.type, count: n, into: activations + b * n)
        }
        for r in rows {
            Dequantize.row(w, row: r, into: weights)
            for b in 0..<x.batch {
                let a = activations + b * n
                var sum: Float = 0
                for c in 0..<n { sum += weights[c] * a[c] }
                y[b * yStride + r] = sum
            }
        }
    }

    /// `w` · x with f32 activations (`x.type` is F32 whatever the weights' type) and the weights
    /// decoded to f32, summed in Double: the product without activation quantisation.
    public static func multiplyUnquantized(_ w: WeightMatrix, _ x: borrowing QuantizedActivations, rows: Range<Int>, into y: UnsafeMutablePointer<Float>, yStride: Int) {
        precondition(x.type == .f32 && x.columns == w.columns, "unquantised products need f32 activations of \(w.columns) columns")
        precondition(rows.lowerBound >= 0 && rows.upperBound <= w.rows, "rows \(rows) outside 0..<\(w.rows)")
        let n = w.columns
        let weights = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { weights.deallocate() }
        for r in rows {
            Dequantize.row(w, row: r, into: weights)
            for b in 0..<x.batch {
                let a = x.row(b).assumingMemoryBound(to: Float.self)
                var sum = 0.0
                for c in 0..<n { sum += Double(weights[c]) * Double(a[c]) }
                y[b * yStride + r] = Float(sum)
            }
        }
    }
}
