// The matrix product every layer of a model runs: quantised weights times a batch of
// quantised activations, on the fastest kernel path this CPU supports.
import CX86Kernels

public enum MatrixProduct {
    /// The path `multiply` uses unless told otherwise: the fastest this CPU supports.
    public static var path: KernelPath { KernelPath.best }

    /// y[b·yStride + r] = Σ_c W[r, c]·x[b, c] for r in `rows`, b in 0..<x.batch. Rows are split
    /// across threads by the caller; results are bit-identical whatever the split.
    public static func multiply(_ w: WeightMatrix, _ x: borrowing QuantizedActivations, rows: Range<Int>, into y: UnsafeMutablePointer<Float>, yStride: Int) {
        multiply(w, x, rows: rows, into: y, yStride: yStride, path: KernelPath.best)
    }

    /// `multiply` on a chosen path; a path this CPU lacks falls back to the portable one.
    public static func multiply(_ w: WeightMatrix, _ x: borrowing QuantizedActivations, rows: Range<Int>, into y: UnsafeMutablePointer<Float>, yStride: Int, path: KernelPath) {
        checkOperands(w, x, rows: rows)
        guard !rows.isEmpty, x.batch > 0 else { return }
        if !(path != .portable && path.isSupported && simdProduct(w, x, rows: rows, into: y, yStride: yStride, path: path)) {
            portableProduct(w, x, rows: rows, into: y, yStride: yStride)
        }
        KernelFault.damage(type: w.type, path: path, rows: rows, batch: x.batch, y: y, yStride: yStride)
    }

    /// `multiply` with `kernel`: a path, or the reference twin (for comparing whole models).
    public static func multiply(_ w: WeightMatrix, _ x: borrowing QuantizedActivations, rows: Range<Int>, into y: UnsafeMutablePointer<Float>, yStride: Int, kernel: ProductKernel) {
        switch kernel {
        case .path(let path): multiply(w, x, rows: rows, into: y, yStride: yStride, path: path)
        case .reference: ReferenceKernels.multiply(w, x, rows: rows, into: y, yStride: yStride)
        case .unquantized: ReferenceKernels.multiplyUnquantized(w, x, rows: rows, into: y, yStride: yStride)
        }
    }

    /// Contract checks; a failure is a bug in the caller, not a property of the model file.
    static func checkOperands(_ w: WeightMatrix, _ x: borrowing QuantizedActivations, rows: Range<Int>) {
        precondition(x.type == w.type.activationType, "activations are \(x.type), \(w.type) weights need \(String(describing: w.type.activationType))")
        precondition(x.columns == w.columns, "activations have \(x.columns) columns, weights \(w.columns)")
        precondition(rows.lowerBound >= 0 && rows.upperBound <= w.rows, "rows \(rows) outside 0..<\(w.rows)")
    }

    private static func portableProduct(_ w: WeightMatrix, _ x: borrowing QuantizedActivations, rows: Range<Int>, into y: UnsafeMutablePointer<Float>, yStride: Int) {
        guard let format = BlockFormats.format(for: w.type) else { return }
        let blocks = w.blocksPerRow
        for r in rows {
            let weights = w.row(r)
            for b in 0..<x.batch {
                y[b * yStride + r] = format.dot(weights, x.row(b), blocks: blocks)
            }
        }
    }

    /// Runs the x86 kernels; false when they do not cover this weight type.
    private static func simdProduct(_ w: WeightMatrix, _ x: borrowing QuantizedActivations, rows: Range<Int>, into y: UnsafeMutablePointer<Float>, yStride: Int, path: KernelPath) -> Bool {
        var args = onramp_matmul_args(
            weights: w.base, weight_row_bytes: w.rowBytes, blocks: Int32(w.blocksPerRow),
            activations: UnsafeRawPointer(x.storage), activation_row_bytes: x.rowBytes, batch: Int32(x.batch),
            row_begin: Int32(rows.lowerBound), row_end: Int32(rows.upperBound),
            y: y, y_stride: yStride)
        guard let product = path.entry.product else { return false }
        return product(w.type.rawValue, &args) != 0
    }
}
