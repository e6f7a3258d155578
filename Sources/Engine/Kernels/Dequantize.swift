// Decoding whole weight rows to floats: the embedding lookup, and anything that needs a row's
// true values rather than a product with it.

public enum Dequantize {
    /// Writes the `columns` values of row `row` of `w` to `into`.
    public static func row(_ w: WeightMatrix, row: Int, into y: UnsafeMutablePointer<Float>) {
        precondition(row >= 0 && row < w.rows, "row \(row) outside 0..<\(w.rows)")
        BlockFormats.dequantizeRow(w.row(row), type: w.type, count: w.columns, into: y)
    }
}
