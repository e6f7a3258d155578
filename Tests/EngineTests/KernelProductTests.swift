// The matrix product on every kernel path against its reference twin and against float64.
import Engine
import Testing

/// A weight matrix over test bytes, with activations quantised for it.
struct ProductCase {
    let type: GGMLType
    let rows: Int
    let columns: Int
    let batch: Int
    let weights: [UInt8]
    let inputs: [Float]

    init(_ type: GGMLType, rows: Int, blocks: Int, batch: Int, fill: BlockFill = .random, seed: UInt64 = 1) {
        self.type = type
        self.rows = rows
        self.columns = blocks * (type.isQuantized ? type.blockSize : 32)
        self.batch = batch
        weights = makeWeights(type, rows: rows, columns: columns, fill: fill, seed: seed)
        inputs = makeActivations(count: columns * batch, seed: seed &+ 99)
    }

    /// Runs `body` with the matrix and the quantised activations.
    func with<R>(_ body: (WeightMatrix, QuantizedActivations) throws -> R) throws -> R {
        try weights.withUnsafeBytes { raw in
            let w = try WeightMatrix(base: raw.baseAddress!, type: type, rows: rows, columns: columns)
            let x = try QuantizedActivations(matching: w, batch: batch)
            inputs.withUnsafeBufferPointer { x.quantize($0.baseAddress!) }
            return try body(w, x)
        }
    }

    /// y (batch × rows) from `product` over `ranges` of rows.
    func output(_ ranges: [Range<Int>], _ product: (WeightMatrix, QuantizedActivations, Range<Int>, UnsafeMutablePointer<Float>) -> Void) throws -> [Float] {
        try with { w, x in
            var y = [Float](repeating: .nan, count: rows * batch)
            y.withUnsafeMutableBufferPointer { out in
                for range in ranges { product(w, x, range, out.baseAddress!) }
            }
            return y
        }
    }

    func reference() throws -> [Float] {
        try output([0..<rows]) { ReferenceKernels.multiply($0, $1, rows: $2, into: $3, yStride: rows) }
    }

    func fast(_ path: KernelPath, split ranges: [Range<Int>]? = nil) throws -> [Float] {
        try output(ranges ?? [0..<rows]) { MatrixProduct.multiply($0, $1, rows: $2, into: $3, yStride: rows, path: path) }
    }

    /// The product in float64 of the decoded weights and the decoded quantised activations.
    func exact() throws -> [Double] {
        try with { _, x in
            var activations = [Float](repeating: 0, count: columns * batch)
            activations.withUnsafeMutableBufferPointer { out in
                for b in 0..<batch { x.dequantizeRow(b, into: out.baseAddress! + b * columns) }
            }
            var y = [Double](repeating: 0, count: rows * batch)
            for r in 0..<rows {
                let row = decodeInDoubles(weights, type: type, row: r, columns: columns)
                for b in 0..<batch {
                    var sum = 0.0
                    for c in 0..<columns { sum += row[c] * Double(activations[b * columns + c]) }
                    y[b * rows + r] = sum
                }
            }
            return y
        }
    }
}

func doubles(_ values: [Float]) -> [Double] { values.map(Double.init) }

@Suite("Matrix products")
struct KernelProductTests {
    /// Single blocks, odd row counts, odd batches, and (last) a batch wider than one cache-sized
    /// chunk of activation columns.
    static let shapes: [(rows: Int, blocks: Int, batch: Int)] = [(1, 1, 1), (7, 3, 1), (13, 18, 1), (5, 2, 3), (9, 18, 6), (4, 1, 8), (5, 64, 30)]

    @Test("every path matches the reference within NMSE 5e-4 on random blocks", arguments: kernelTypes)
    func randomBlocks(type: GGMLType) throws {
        for shape in Self.shapes {
            let product = ProductCase(type, rows: shape.rows, blocks: shape.blocks, batch: shape.batch, seed: UInt64(shape.rows * 31 + shape.batch))
            let exact = try product.exact()
            let reference = try product.reference()
            #expect(nmse(doubles(reference), exact) < 1e-8, "reference \(type) \(shape)")
            for path in testedKernelPaths {
                let fast = try product.fast(path)
                #expect(nmse(doubles(fast), doubles(reference)) < 5e-4, "\(path) \(type) \(shape)")
                #expect(nmse(doubles(fast), exact) < 5e-4, "\(path) \(type) \(shape) vs float64")
            }
        }
    }

    @Test("zero blocks give exact zeros and maximal scales stay accurate", arguments: kernelTypes)
    func edgeBlocks(type: GGMLType) throws {
        let zero = ProductCase(type, rows: 6, blocks: 2, batch: 5, fill: .zero)
        for path in testedKernelPaths {
            #expect(try zero.fast(path).allSatisfy { $0 == 0 }, "\(path) \(type)")
        }
        let large = ProductCase(type, rows: 6, blocks: 3, batch: 5, fill: .maximalScales, seed: 7)
        let exact = try large.exact()
        for path in testedKernelPaths {
            let fast = try large.fast(path)
            #expect(fast.allSatisfy { $0.isFinite }, "\(path) \(type)")
            #expect(nmse(doubles(fast), exact) < 5e-4, "\(path) \(type)")
        }
    }

    @Test("results are bit-identical however the rows are split", arguments: kernelTypes)
    func splitInvariance(type: GGMLType) throws {
        for (batch, blocks) in [(1, 4), (7, 4), (30, 64)] {
            let product = ProductCase(type, rows: 23, blocks: blocks, batch: batch, seed: 3)
            for path in testedKernelPaths {
                let whole = try product.fast(path)
                let pieces = try product.fast(path, split: [0..<1, 1..<6, 6..<9, 9..<22, 22..<23])
                let ones = try product.fast(path, split: (0..<23).map { $0..<($0 + 1) })
                #expect(whole.map(\.bitPattern) == pieces.map(\.bitPattern), "\(path) \(type) batch \(batch)")
                #expect(whole.map(\.bitPattern) == ones.map(\.bitPattern), "\(path) \(type) batch \(batch)")
            }
        }
    }

    @Test("the product writes only the requested rows, at yStride apart")
    func writesOnlyRequestedRows() throws {
        let product = ProductCase(.q4_1, rows: 10, blocks: 2, batch: 3)
        for path in testedKernelPaths {
            let y = try product.output([2..<5]) { MatrixProduct.multiply($0, $1, rows: $2, into: $3, yStride: 10, path: path) }
            for b in 0..<3 {
                for r in 0..<10 {
                    #expect(y[b * 10 + r].isNaN == !(2..<5).contains(r), "\(path) row \(r) column \(b)")
                }
            }
        }
    }

    @Test("activations with NaN or infinity neither crash nor hang")
    func nonFiniteActivations() throws {
        var product = ProductCase(.q4_0, rows: 4, blocks: 2, batch: 2)
        var inputs = product.inputs
        inputs[3] = .nan
        inputs[40] = .infinity
        product = ProductCase(copying: product, inputs: inputs)
        for path in testedKernelPaths { _ = try product.fast(path) }
    }
}

extension ProductCase {
    init(copying other: ProductCase, inputs: [Float]) {
        self.type = other.type
        self.rows = other.rows
        self.columns = other.columns
        self.batch = other.batch
        self.weights = other.weights
        self.inputs = inputs
    }
}
