// A micro-benchmark of the matrix-product kernels on the shapes of a small model
// (SmolLM2-135M: 576 wide, 1536 feed-forward): time per weight row and GFLOP/s for every
// kernel path and the reference, so a speed-up or a regression is visible without a model.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum KernelBenchmark {
    /// One measured product.
    public struct Result: Sendable, CustomStringConvertible {
        public let type: GGMLType
        public let rows: Int
        public let columns: Int
        public let batch: Int
        /// "reference", a `KernelPath` name, or `quantizePath` for converting `rows` activation
        /// rows of `columns` values to `type`.
        public let path: String
        static let quantizePath = "quantize"
        /// Wall time of one product (the fastest repetition).
        public let seconds: Double

        /// Nanoseconds per weight row (for all `batch` columns).
        var nanosecondsPerRow: Double { seconds * 1e9 / Double(rows) }
        /// Multiply-adds count as two operations.
        public var gigaflops: Double { 2 * Double(rows * columns * batch) / seconds / 1e9 }

        public var description: String {
            if path == Self.quantizePath {
                return "\(padded("\(type) \(rows)×\(columns)", 28)) \(padded(path, 12)) \(fixed(nanosecondsPerRow, 1)) ns/row"
            }
            let shape = "\(type) \(rows)×\(columns) batch \(batch)"
            return "\(padded(shape, 28)) \(padded(path, 12)) "
                + "\(fixed(nanosecondsPerRow, 1)) ns/row  \(fixed(gigaflops, 2)) GFLOP/s"
        }
    }

    /// A product shape to measure.
    public struct Shape: Sendable {
        public let type: GGMLType
        public let rows: Int
        public let columns: Int
        public let batch: Int
        public init(type: GGMLType, rows: Int, columns: Int, batch: Int) {
            self.type = type
            self.rows = rows
            self.columns = columns
            self.batch = batch
        }
    }

    /// Generation (batch 1) and prompt-processing (batch 64) products of SmolLM2-135M's
    /// Q4_1 layers and its Q8_0 output matrix (cut to 4096 rows to keep the run short), and
    /// the same widths in F16 and the K-quants other models use.
    public static let smolLMShapes: [Shape] = [
        Shape(type: .q4_1, rows: 576, columns: 576, batch: 1),
        Shape(type: .q4_1, rows: 1536, columns: 576, batch: 1),
        Shape(type: .q4_1, rows: 576, columns: 1536, batch: 1),
        Shape(type: .q8_0, rows: 4096, columns: 576, batch: 1),
        Shape(type: .q4_1, rows: 1536, columns: 576, batch: 64),
        Shape(type: .q8_0, rows: 1024, columns: 576, batch: 64),
        Shape(type: .f16, rows: 576, columns: 576, batch: 1),
        Shape(type: .q4_K, rows: 576, columns: 1536, batch: 1),
        Shape(type: .q6_K, rows: 576, columns: 1536, batch: 1),
    ]

    /// Measures every shape on the reference (when `includeReference`) and every supported path,
    /// single-threaded, repeating each product for at least `minimumSeconds`.
    public static func run(shapes: [Shape] = smolLMShapes, includeReference: Bool = true, minimumSeconds: Double = 0.2) -> [Result] {
        var results: [Result] = []
        for shape in shapes {
            guard let weights = try? SyntheticMatrix(type: shape.type, rows: shape.rows, columns: shape.columns, seed: 42),
                  let x = try? QuantizedActivations(columns: shape.columns, batch: shape.batch, for: shape.type)
            else { continue }
            let input = SyntheticMatrix.activations(count: shape.columns * shape.batch, seed: 7)
            input.withUnsafeBufferPointer { x.quantize($0.baseAddress!) }
            let y = UnsafeMutablePointer<Float>.allocate(capacity: shape.rows * shape.batch)
            defer { y.deallocate() }
            let w = weights.matrix
            func measure(_ path: String, _ product: () -> Void) {
                let seconds = time(minimumSeconds: path == "reference" ? minimumSeconds / 4 : minimumSeconds, product)
                results.append(Result(type: shape.type, rows: shape.rows, columns: shape.columns, batch: shape.batch, path: path, seconds: seconds))
            }
            let quantizeSeconds = input.withUnsafeBufferPointer { floats in
                time(minimumSeconds: minimumSeconds / 4) { x.quantize(floats.baseAddress!) }
            }
            results.append(Result(type: x.type, rows: shape.batch, columns: shape.columns, batch: 1, path: Result.quantizePath, seconds: quantizeSeconds))
            if includeReference {
                measure("reference") { ReferenceKernels.multiply(w, x, rows: 0..<w.rows, into: y, yStride: w.rows) }
            }
            for path in KernelPath.supported {
                measure(path.rawValue) { MatrixProduct.multiply(w, x, rows: 0..<w.rows, into: y, yStride: w.rows, path: path) }
            }
            withExtendedLifetime(weights) {}
        }
        return results
    }

    /// The fastest of repeated calls lasting at least `minimumSeconds` together: on a shared
    /// machine other work only ever adds time, so the minimum is the least disturbed sample.
    static func time(minimumSeconds: Double, _ body: () -> Void) -> Double {
        body()
        var samples: [Double] = []
        let start = now()
        repeat {
            let t0 = now()
            body()
            samples.append(now() - t0)
        } while now() - start < minimumSeconds || samples.count < 3
        return samples.min() ?? 0
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}

private func padded(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
}

private func fixed(_ value: Double, _ decimals: Int) -> String {
    let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
    let rounded = (value * scale).rounded() / scale
    return String(rounded)
}
