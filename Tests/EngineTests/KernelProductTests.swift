// The matrix product on every kernel path against its reference twin and against float64.
@testable import Engine
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

    /// The product in float64 of the decoded weights and the decoded quantised activations, as
    /// the block formats define it: Q4_1 and Q5_1 weights (value = d·code + m) meet Q8_1
    /// activations, whose minimum term is m times the block sum Q8_1 stores (d·Σcode rounded to
    /// f16), in llama.cpp as here, rather than the sum of the decoded values.
    func exact() throws -> [Double] {
        try with { _, x in
            var activations = [Float](repeating: 0, count: columns * batch)
            activations.withUnsafeMutableBufferPointer { out in
                for b in 0..<batch { x.dequantizeRow(b, into: out.baseAddress! + b * columns) }
            }
            let storedSums = x.type == .q8_1
            let size = type.bytesPerBlock
            func half(_ bytes: [UInt8], _ o: Int) -> Double { Double(HalfFloat.float(fromF16: UInt16(bytes[o]) | UInt16(bytes[o + 1]) << 8)) }
            var y = [Double](repeating: 0, count: rows * batch)
            for r in 0..<rows {
                let row = decodeInDoubles(weights, type: type, row: r, columns: columns)
                for b in 0..<batch {
                    let xBytes = Array(x.bytes(ofRow: b))
                    var sum = 0.0
                    for block in 0..<(columns / 32) where storedSums {
                        let minimum = half(weights, (r * columns / 32 + block) * size + 2)
                        for c in (block * 32)..<(block * 32 + 32) { sum += (row[c] - minimum) * Double(activations[b * columns + c]) }
                        sum += minimum * half(xBytes, block * 36 + 2)
                    }
                    for c in 0..<columns where !storedSums { sum += row[c] * Double(activations[b * columns + c]) }
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

    /// Fast kernels, the reference twin and the float64 product all multiply the same decoded
    /// weights with the same quantised activations, so they differ only in the order and width
    /// of their float sums: about 1e-7 relative per output, an NMSE near 1e-14. A kernel that
    /// loses precision (a scale rounded to f16, a dropped low bit of a code, a block skipped)
    /// moves the NMSE to 1e-6 or more. (llama.cpp's 5e-4 for matrix products is for comparing
    /// float32 activations with quantised ones, which these tests never do.)
    static let sameInputs = 1e-10

    /// Between the reference twin and the kernels or float64: the reference decodes Q8_1 blocks
    /// to values and sums them exactly, where the kernels use the f16 sum Q8_1 stores for the
    /// weights' minimum (relative error up to 2^-12 on that term; measured NMSE up to 1e-9).
    static func referenceTolerance(_ type: GGMLType) -> Double {
        type == .q4_1 || type == .q5_1 ? 1e-8 : sameInputs
    }

    @Test("every path matches the reference and float64 within NMSE 1e-10 on random blocks", arguments: kernelTypes)
    func randomBlocks(type: GGMLType) throws {
        for shape in Self.shapes {
            let product = ProductCase(type, rows: shape.rows, blocks: shape.blocks, batch: shape.batch, seed: UInt64(shape.rows * 31 + shape.batch))
            let exact = try product.exact()
            let reference = try product.reference()
            #expect(nmse(doubles(reference), exact) < Self.referenceTolerance(type), "reference \(type) \(shape)")
            for path in testedKernelPaths {
                let fast = try product.fast(path)
                #expect(nmse(doubles(fast), doubles(reference)) < Self.referenceTolerance(type), "\(path) \(type) \(shape)")
                #expect(nmse(doubles(fast), exact) < Self.sameInputs, "\(path) \(type) \(shape) vs float64")
            }
        }
    }

    @Test("zero blocks give exact zeros and maximal scales stay within NMSE 1e-10", arguments: kernelTypes)
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
            #expect(nmse(doubles(fast), exact) < Self.sameInputs, "\(path) \(type)")
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

    /// The x86 paths each do llama.cpp's arithmetic for every (row, column) pair, whatever tile
    /// they take it in (AVX-512 puts two rows in one register for prompts), so on quantised
    /// weights they agree to the bit on shapes that fill every tile and leave every kind of rest.
    @Test("the x86 paths agree to the bit on wide tiles and their leftovers", arguments: kernelTypes.filter(\.isQuantized))
    func x86PathsAgree(type: GGMLType) throws {
        let x86 = testedKernelPaths.filter { $0 != .portable }
        try #require(!x86.isEmpty, "no x86 kernel path on this CPU")
        let blocks = type.blockSize == 256 ? 3 : 19
        for (rows, batch) in [(40, 17), (23, 9), (8, 4), (33, 1)] {
            let product = ProductCase(type, rows: rows, blocks: blocks, batch: batch, seed: UInt64(rows + batch))
            let first = try product.fast(x86[0])
            #expect(nmse(doubles(first), doubles(try product.reference())) < Self.referenceTolerance(type), "\(x86[0]) \(type) \(rows)×\(batch)")
            for path in x86.dropFirst() {
                #expect(try product.fast(path).map(\.bitPattern) == first.map(\.bitPattern), "\(path) vs \(x86[0]) \(type) \(rows)×\(batch)")
            }
        }
    }

    /// Prompts of Q4_0 and Q4_K weights (two or more activation rows) run on 16-row interleaved
    /// groups with one fused multiply-add per block (Q4_K: two per super-block), row and column;
    /// every x86 path gives the bits of that arithmetic's plain twin (`promptDot`), whatever the
    /// row split, on full and partial groups, column tiles and their leftovers, and the twin stays
    /// within NMSE 1e-10 of float64.
    @Test("Q4_0 and Q4_K prompt products equal their plain twin to the bit on every x86 path", arguments: [GGMLType.q4_0, .q4_K])
    func promptTwin(type: GGMLType) throws {
        let x86 = testedKernelPaths.filter { $0 != .portable }
        try #require(!x86.isEmpty, "no x86 kernel path on this CPU")
        func twin(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, _ blocks: Int) -> Float {
            type == .q4_0 ? Q4_0.promptDot(w, x, blocks: blocks) : Q4_K.promptDot(w, x, blocks: blocks)
        }
        let shapes: [(rows: Int, blocks: Int, batch: Int)] = type == .q4_0
            ? [(40, 19, 17), (16, 3, 2), (7, 64, 9), (33, 8, 30)]
            : [(40, 3, 17), (16, 1, 2), (7, 4, 9), (33, 2, 30)]
        for (rows, blocks, batch) in shapes {
            let product = ProductCase(type, rows: rows, blocks: blocks, batch: batch, seed: UInt64(rows * 7 + batch))
            let expected = try product.output([0..<rows]) { w, x, range, y in
                for r in range {
                    for b in 0..<x.batch { y[b * rows + r] = twin(w.row(r), x.row(b), w.blocksPerRow) }
                }
            }
            #expect(nmse(doubles(expected), try product.exact()) < Self.sameInputs, "twin \(type) \(rows)×\(batch)")
            let split = [0..<min(5, rows), min(5, rows)..<min(21, rows), min(21, rows)..<rows]
            for path in x86 {
                #expect(try product.fast(path).map(\.bitPattern) == expected.map(\.bitPattern), "\(path) \(type) \(rows)×\(batch)")
                #expect(try product.fast(path, split: split).map(\.bitPattern) == expected.map(\.bitPattern), "\(path) \(type) \(rows)×\(batch) split")
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
