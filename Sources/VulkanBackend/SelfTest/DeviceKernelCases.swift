// The graphics card's kernels as the self-test checks them: matrix products for every weight type
// with a shader (and with integer dot products where the device has them), RMSNorm, RoPE in both
// styles, softmax, SwiGLU, add, scale and attention over the f16 cache, each on seeded random data against the engine's processor code for the same inputs
// (its decoding of the weights, its reference ops, its f16-cache attention). Sizes are small (the
// whole list takes about a second on lavapipe) but not multiples of the shaders' workgroups, and
// include several vectors, rows and positions at once.

import Engine

enum DeviceKernelCases {
    static var all: [DeviceKernelCase] {
        productTypes.map(product) + integerProductTypes.map(integerProduct)
            + [rmsNorm, rope(.adjacent), rope(.halves), softmax, swiglu, gelu, add, scale, storeHalves, attention]
    }

    /// The cases `device` can run: the integer dot product ones only where it has the instruction
    /// (elsewhere those shaders are never used).
    static func applicable(to device: ComputeDevice) -> [DeviceKernelCase] {
        all.filter { device.usesIntegerDotProduct || !$0.shaders.contains(where: \.needsIntegerDotProduct) }
    }

    /// Every weight type with integer dot product shaders, from the backend's own table.
    static var integerProductTypes: [GGMLType] { GGMLType.allCases.filter(Kernels.hasIntegerProduct) }

    /// Every weight type the device multiplies, from the backend's own table.
    static var productTypes: [GGMLType] { GGMLType.allCases.filter { Kernels.matrixShader(for: $0) != nil } }

    /// One vector through the matrix-vector shader (generation) and three through the tiled
    /// matrix-matrix one (a prompt), both against the same reference.
    static func product(_ type: GGMLType) -> DeviceKernelCase {
        let shaders = [Kernels.matrixShader(for: type)!, Kernels.matrixTileShader(for: type)!]
        return DeviceKernelCase(name: "\(type) product on the graphics card", shaders: shaders, limit: DeviceKernelLimits.sameInputs) { device in
            // 37 rows (not a multiple of the 64-thread groups); a few blocks of 32 or 256 values, or
            // 257 single values, per row.
            let columns = type.blockSize == 1 ? 257 : type.blockSize * (type.blockSize >= 256 ? 3 : 7)
            let weights = try SyntheticMatrix(type: type, rows: 37, columns: columns, seed: 19 + UInt64(type.rawValue))
            let x = SyntheticMatrix.activations(count: 3 * columns, seed: 7)
            return try products(weights.matrix, x, vectors: 3, on: device, expected: productReference(weights.matrix, x, vectors: 3)) {
                matrix, input, single, several throws(VulkanError) in
                try Kernels.multiply(matrix, input, into: single) + (try Kernels.multiply(matrix, input, into: several, vectors: 3))
            }
        }
    }

    /// The inputs turned into 8-bit codes on the device, then one vector and three through the
    /// integer dot product shaders, against the engine's reference product with the same 8-bit
    /// codes and scales (up to a rare rounding tie; see the limit): the processor's own inputs
    /// for the types it multiplies with 32-value blocks (Q8_0, Q8_1), and for the K-quants, which
    /// the processor multiplies with one scale per 256 values, the exact product of the weights
    /// with the inputs as 32-value Q8_1 blocks decode.
    static func integerProduct(_ type: GGMLType) -> DeviceKernelCase {
        let shaders: [Shader] = [.quantizeQ8, Kernels.integerShader(for: type, tile: false)!, Kernels.integerShader(for: type, tile: true)!]
        return DeviceKernelCase(name: "\(type) product with integer dot products on the graphics card", shaders: shaders,
                                limit: DeviceKernelLimits.sameCodes) { device in
            let columns = type.blockSize * 7
            let weights = try SyntheticMatrix(type: type, rows: 37, columns: columns, seed: 23 + UInt64(type.rawValue))
            let x = SyntheticMatrix.activations(count: 3 * columns, seed: 11)
            return try integerProducts(weights.matrix, x, vectors: 3, on: device, expected: try codesReference(weights.matrix, x, vectors: 3))
        }
    }

    /// Whether the processor multiplies weights of `type` with the same 8-bit codes the card makes
    /// (Q8_0 and Q8_1: 32-value blocks); not the K-quants, whose inputs it gives one scale per 256.
    static func processorSharesCodes(_ type: GGMLType) -> Bool {
        type.activationType == .q8_0 || type.activationType == .q8_1
    }

    /// y = W·x with x as the integer dot product shaders see it (quantize_q8.comp's codes).
    static func codesReference(_ matrix: WeightMatrix, _ x: [Float], vectors: Int) throws -> [Float] {
        if processorSharesCodes(matrix.type) {
            return try quantizedReference(matrix, x, vectors: vectors)
        }
        let codes = try QuantizedActivations(columns: matrix.columns, batch: vectors, for: .q4_1)  // Q8_1 blocks
        x.withUnsafeBufferPointer { codes.quantize($0.baseAddress!, rows: vectors) }
        var decoded = [Float](repeating: 0, count: vectors * matrix.columns)
        decoded.withUnsafeMutableBufferPointer { y in
            for v in 0..<vectors { codes.dequantizeRow(v, into: y.baseAddress! + v * matrix.columns) }
        }
        return productReference(matrix, decoded, vectors: vectors)
    }

    /// `x` (`vectors` vectors) turned into codes on `device`, then the first vector and all of them
    /// through the integer dot product shaders; also IntegerProductTests' run on real matrices.
    static func integerProducts(
        _ weights: WeightMatrix, _ x: [Float], vectors: Int, on device: ComputeDevice, expected: [Float]
    ) throws -> (actual: [Float], expected: [Float]) {
        let codes = try DeviceBuffer(device: device, byteCount: 4 * vectors * Kernels.codeWords(columns: weights.columns))
        return try products(weights, x, vectors: vectors, on: device, expected: expected) { matrix, input, single, several throws(VulkanError) in
            [try Kernels.quantize(input, vectors: vectors, columns: weights.columns, into: codes)]
                + (try Kernels.multiply(matrix, codes: codes, into: single))
                + (try Kernels.multiply(matrix, codes: codes, into: several, vectors: vectors))
        }
    }

    /// Uploads `weights` and `x`, runs what `record` makes of them (one vector's product into
    /// `single`, all `vectors` into `several`) and returns both read back beside `expected` (all
    /// vectors' answers) with its first vector's answers in front.
    static func products(
        _ weights: WeightMatrix, _ x: [Float], vectors: Int, on device: ComputeDevice, expected: [Float],
        _ record: (_ matrix: DeviceMatrix, _ input: DeviceBuffer, _ single: DeviceBuffer, _ several: DeviceBuffer) throws(VulkanError) -> [KernelDispatch]
    ) throws -> (actual: [Float], expected: [Float]) {
        let rows = weights.rows
        let matrix = try DeviceMatrix(uploading: weights, to: device)
        let input = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        let single = try DeviceBuffer(device: device, byteCount: 4 * rows)
        let several = try DeviceBuffer(device: device, byteCount: 4 * vectors * rows)
        try input.write(x)
        try device.run(try record(matrix, input, single, several))
        return (try single.readFloats(count: rows) + (try several.readFloats(count: vectors * rows)), Array(expected.prefix(rows)) + expected)
    }

    /// y = W·x with x in the activation format the processor multiplies `matrix` with, through
    /// the engine's plain reference kernel.
    static func quantizedReference(_ matrix: WeightMatrix, _ x: [Float], vectors: Int) throws -> [Float] {
        let activations = try QuantizedActivations(matching: matrix, batch: vectors)
        x.withUnsafeBufferPointer { activations.quantize($0.baseAddress!, rows: vectors) }
        var y = [Float](repeating: 0, count: vectors * matrix.rows)
        y.withUnsafeMutableBufferPointer { ReferenceKernels.multiply(matrix, activations, rows: 0..<matrix.rows, into: $0.baseAddress!, yStride: matrix.rows) }
        return y
    }

    /// y = W·x in Double from the engine's own decoding of each weight row.
    static func productReference(_ matrix: WeightMatrix, _ x: [Float], vectors: Int) -> [Float] {
        var row = [Float](repeating: 0, count: matrix.columns)
        var y = [Float](repeating: 0, count: vectors * matrix.rows)
        for r in 0..<matrix.rows {
            row.withUnsafeMutableBufferPointer { Dequantize.row(matrix, row: r, into: $0.baseAddress!) }
            for v in 0..<vectors {
                var sum = 0.0
                for c in 0..<matrix.columns { sum += Double(row[c]) * Double(x[v * matrix.columns + c]) }
                y[v * matrix.rows + r] = Float(sum)
            }
        }
        return y
    }

    static let rmsNorm = DeviceKernelCase(name: "RMSNorm on the graphics card", shaders: [.rmsNorm], limit: DeviceKernelLimits.sameInputs) { device in
        let rows = 3, count = 577
        let x = SyntheticMatrix.activations(count: rows * count, seed: 41).map { $0 * 4 }
        let weight = SyntheticMatrix.activations(count: count, seed: 42).map { $0 + 1.5 }
        let input = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        let weights = try DeviceBuffer(device: device, byteCount: 4 * count)
        let output = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        try input.write(x)
        try weights.write(weight)
        try device.run([try Kernels.rmsNorm(input, weight: weights, into: output, rows: rows, count: count, epsilon: 1e-6)])
        let expected = (0..<rows).flatMap { r in RMSNorm.reference(Array(x[r * count..<(r + 1) * count]), weight: weight, epsilon: 1e-6) }
        return (try output.readFloats(count: x.count), expected)
    }

    /// Full and partial rotation (64 and 32 of 64 values) at positions up to 4000, against the
    /// engine's own rotation with the same table of angles.
    static func rope(_ style: Kernels.RotaryStyle) -> DeviceKernelCase {
        let title = style == .halves ? "RoPE (halves, NEOX style)" : "RoPE (adjacent pairs)"
        return DeviceKernelCase(name: "\(title) on the graphics card", shaders: [.rope], limit: DeviceKernelLimits.sameInputs) { device in
            let heads = 3, headSize = 64, positions = [0, 1, 17, 4000]
            var actual: [Float] = [], expected: [Float] = []
            for dimensions in [64, 32] {
                let rotary = RotaryEmbedding(dimensions: dimensions, frequencyBase: 10_000)
                let x = SyntheticMatrix.activations(count: positions.count * heads * headSize, seed: UInt64(50 + dimensions))
                var table = [Float](repeating: 0, count: positions.count * dimensions)
                table.withUnsafeMutableBufferPointer { pointer in
                    for (i, position) in positions.enumerated() { rotary.fillTable(position: position, into: pointer.baseAddress! + i * dimensions) }
                }
                let vectors = try DeviceBuffer(device: device, byteCount: 4 * x.count)
                let tables = try DeviceBuffer(device: device, byteCount: 4 * table.count)
                try vectors.write(x)
                try tables.write(table)
                try device.run([try Kernels.rope(vectors, table: tables, batch: positions.count, heads: heads, headSize: headSize,
                                                 dimensions: dimensions, style: style)])
                actual += try vectors.readFloats(count: x.count)
                var twin = x
                twin.withUnsafeMutableBufferPointer { v in
                    table.withUnsafeBufferPointer { t in
                        for i in positions.indices {
                            let vector = v.baseAddress! + i * heads * headSize, angles = t.baseAddress! + i * dimensions
                            if style == .halves {
                                rotary.applyToHalves(table: angles, to: vector, heads: heads, headSize: headSize)
                            } else {
                                rotary.apply(table: angles, to: vector, heads: heads, headSize: headSize)
                            }
                        }
                    }
                }
                expected += twin
            }
            return (actual, expected)
        }
    }

    /// The second row is shifted by 1000, where an unshifted exp overflows f32.
    static let softmax = DeviceKernelCase(name: "softmax on the graphics card", shaders: [.softmax], limit: DeviceKernelLimits.sameInputs) { device in
        let rows = 2, count = 1000
        var x = SyntheticMatrix.activations(count: rows * count, seed: 43).map { $0 * 20 }
        for i in 0..<count { x[count + i] += 1000 }
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * x.count)
        try buffer.write(x)
        try device.run([try Kernels.softmax(buffer, rows: rows, count: count)])
        let expected = (0..<rows).flatMap { r in Softmax.reference(Array(x[r * count..<(r + 1) * count])) }
        return (try buffer.readFloats(count: x.count), expected)
    }

    static let swiglu = gated(
        "SwiGLU", shader: .swiglu, seeds: (44, 45), scale: 8, extreme: 100,
        dispatch: { gates, ups, count throws(VulkanError) in try Kernels.swiglu(gate: gates, up: ups, count: count) },
        reference: { gate, up in SwiGLU.reference(gate: gate, up: up) })

    /// Gemma's gated GELU, against the engine's (which reads GELU from a table of f16 inputs);
    /// values beyond ±10, where the table ends, included.
    static let gelu = gated(
        "GELU", shader: .gelu, seeds: (49, 50), scale: 6, extreme: 30,
        dispatch: { gates, ups, count throws(VulkanError) in try Kernels.gelu(gate: gates, up: ups, count: count) },
        reference: { gate, up in
            var expected = gate
            expected.withUnsafeMutableBufferPointer { g in
                up.withUnsafeBufferPointer { u in GELU.applyGated(gate: g.baseAddress!, up: u.baseAddress!, count: gate.count) }
            }
            return expected
        })

    /// A gated activation, gate[i] = act(gate[i]) · up[i], on 1537 values whose first two are
    /// ±`extreme` (where exp overflows or a table ends), against the engine's `reference`.
    static func gated(
        _ title: String, shader: Shader, seeds: (gate: UInt64, up: UInt64), scale: Float, extreme: Float,
        dispatch: @escaping @Sendable (DeviceBuffer, DeviceBuffer, Int) throws(VulkanError) -> KernelDispatch,
        reference: @escaping @Sendable ([Float], [Float]) -> [Float]
    ) -> DeviceKernelCase {
        DeviceKernelCase(name: "\(title) on the graphics card", shaders: [shader], limit: DeviceKernelLimits.sameInputs) { device in
            let count = 1537
            var gate = SyntheticMatrix.activations(count: count, seed: seeds.gate).map { $0 * scale }
            gate[0] = -extreme
            gate[1] = extreme
            let up = SyntheticMatrix.activations(count: count, seed: seeds.up)
            let gates = try DeviceBuffer(device: device, byteCount: 4 * count)
            let ups = try DeviceBuffer(device: device, byteCount: 4 * count)
            try gates.write(gate)
            try ups.write(up)
            try device.run([try dispatch(gates, ups, count)])
            return (try gates.readFloats(count: count), reference(gate, up))
        }
    }

    /// Keys and values written into the f16 cache: the engine's rounding (nearest, ties to even),
    /// compared through the values the stored bits mean, at an offset into the cache.
    static let storeHalves = DeviceKernelCase(name: "f16 cache store on the graphics card", shaders: [.storeHalves], limit: DeviceKernelLimits.sameInputs) { device in
        let count = 1030, offset = 64
        var x = SyntheticMatrix.activations(count: count, seed: 51).map { $0 * 300 }
        x[0] = 65_504  // the largest f16 (beyond it, infinity on both sides would make the NMSE meaningless)
        x[1] = 1e-6  // a subnormal f16
        let source = try DeviceBuffer(device: device, byteCount: 4 * count)
        let cache = try DeviceBuffer(device: device, byteCount: 2 * (offset + count))
        try source.write(x)
        try device.run([try Kernels.storeHalves(source, into: cache, halfOffset: offset, count: count)])
        var bits = [UInt16](repeating: 0, count: count)
        try bits.withUnsafeMutableBytes { try cache.read(into: $0, from: 2 * offset) }
        return (bits.map { HalfFloat.float(fromF16: $0) }, x.map { HalfFloat.float(fromF16: HalfFloat.f16(from: $0)) })
    }

    static let add = DeviceKernelCase(name: "add on the graphics card", shaders: [.add], limit: DeviceKernelLimits.sameInputs) { device in
        let count = 1031
        let a = SyntheticMatrix.activations(count: count, seed: 46), b = SyntheticMatrix.activations(count: count, seed: 47)
        let target = try DeviceBuffer(device: device, byteCount: 4 * count), addend = try DeviceBuffer(device: device, byteCount: 4 * count)
        try target.write(a)
        try addend.write(b)
        try device.run([try Kernels.add(target, addend, count: count)])
        return (try target.readFloats(count: count), zip(a, b).map { $0 + $1 })
    }

    static let scale = DeviceKernelCase(name: "scale on the graphics card", shaders: [.scale], limit: DeviceKernelLimits.sameInputs) { device in
        let count = 1031, factor: Float = 0.37
        let a = SyntheticMatrix.activations(count: count, seed: 48)
        let values = try DeviceBuffer(device: device, byteCount: 4 * count)
        try values.write(a)
        try device.run([try Kernels.scale(values, by: factor, count: count)])
        return (try values.readFloats(count: count), a.map { $0 * factor })
    }

    /// Grouped-query attention (8 query heads over 2 key/value heads of 64) for a batch of 3 rows
    /// after 37 cached positions, against the engine's f16-cache attention (its Swift twin).
    static let attention = DeviceKernelCase(
        name: "attention (f16 cache) on the graphics card", shaders: [.attentionF16], limit: DeviceKernelLimits.halfCacheAttention
    ) { device in
        let headSize = 64, heads = 8, kvHeads = 2, start = 37, rows = 3
        let positions = start + rows, width = kvHeads * headSize, queryWidth = heads * headSize
        let scale = 1 / Float(headSize).squareRoot()
        // The cache as the engine keeps it: position-major rows of key heads, f16 bit patterns.
        let keys = SyntheticMatrix.activations(count: positions * width, seed: 60).map { HalfFloat.f16(from: $0 * 2) }
        let values = SyntheticMatrix.activations(count: positions * width, seed: 61).map(HalfFloat.f16(from:))
        let queries = SyntheticMatrix.activations(count: rows * queryWidth, seed: 62).map { $0 * 2 }

        var expected = [Float](repeating: 0, count: rows * queryWidth)
        var scores = [Float](repeating: 0, count: positions)
        for row in 0..<rows {
            for head in 0..<heads {
                let offset = (head / (heads / kvHeads)) * headSize
                queries.withUnsafeBufferPointer { q in
                    keys.withUnsafeBufferPointer { k in
                        values.withUnsafeBufferPointer { v in
                            expected.withUnsafeMutableBufferPointer { out in
                                HalfCacheAttention.attend(
                                    query: q.baseAddress! + row * queryWidth + head * headSize, keys: k.baseAddress! + offset,
                                    values: v.baseAddress! + offset, length: start + row + 1, attended: start + row + 1,
                                    headSize: headSize, stride: width, scale: scale, scores: &scores,
                                    output: out.baseAddress! + row * queryWidth + head * headSize)
                            }
                        }
                    }
                }
            }
        }

        let keyBuffer = try DeviceBuffer(device: device, byteCount: 2 * keys.count)
        let valueBuffer = try DeviceBuffer(device: device, byteCount: 2 * values.count)
        try keys.withUnsafeBytes { try keyBuffer.write($0) }
        try values.withUnsafeBytes { try valueBuffer.write($0) }
        let queryBuffer = try DeviceBuffer(device: device, byteCount: 4 * queries.count)
        try queryBuffer.write(queries)
        let scratch = try DeviceBuffer(device: device, byteCount: 4 * rows * heads * positions)
        let output = try DeviceBuffer(device: device, byteCount: 4 * expected.count)
        try device.run([try Kernels.attention(
            queries: queryBuffer, keys: keyBuffer, values: valueBuffer, scores: scratch, into: output,
            rows: rows, start: start, heads: heads, kvHeads: kvHeads, headSize: headSize, scale: scale)])
        return (try output.readFloats(count: expected.count), expected)
    }
}
