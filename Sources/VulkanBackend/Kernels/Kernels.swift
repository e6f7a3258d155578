// The operations the graphics card runs, as dispatches to record: matrix-vector and matrix-matrix
// products on quantised weights, RMSNorm, RoPE, softmax, SwiGLU, GELU, adds and scales (attention
// over the f16 KV cache: AttentionKernel.swift; cache stores: CacheStoreKernel.swift). Every size
// and offset is checked against its buffers here, before anything reaches the device, because a shader
// reading past a buffer is undefined behaviour the driver need not catch.

import Engine

public enum Kernels {
    /// How RoPE pairs a head's values: adjacent values (llama) or the two halves (NEOX).
    public enum RotaryStyle: Sendable {
        case adjacent
        case halves
    }

    /// y[outputOffset + v·outputStride + r] = Σ_c W[r, c]·x[inputOffset + v·columns + c] for each of
    /// `vectors` input vectors (offsets in floats; outputStride defaults to the matrix's rows and
    /// may not be smaller). f32 accumulation; weights decoded in the shader. Several vectors (a
    /// prompt) go through the matrix-matrix shader, which decodes each weight block once for a
    /// tile of 8 vectors. One dispatch per part of the matrix (see DeviceMatrix), each writing its
    /// own rows; record them all.
    public static func multiply(
        _ matrix: DeviceMatrix, _ input: DeviceBuffer, inputOffset: Int = 0,
        into output: DeviceBuffer, outputOffset: Int = 0, vectors: Int = 1, outputStride: Int? = nil
    ) throws(VulkanError) -> [KernelDispatch] {
        let shader = vectors > 1 ? matrixTileShader(for: matrix.type) : matrixShader(for: matrix.type)
        return try multiply(matrix, input, inputOffset: inputOffset, into: output, outputOffset: outputOffset, vectors: vectors,
                            outputStride: outputStride, shader: shader)
    }

    /// `multiply` with a chosen product shader (tests compare the matrix-vector and matrix-matrix ones).
    static func multiply(
        _ matrix: DeviceMatrix, _ input: DeviceBuffer, inputOffset: Int = 0, into output: DeviceBuffer, outputOffset: Int = 0,
        vectors: Int = 1, outputStride: Int? = nil, shader: Shader?, inputCheck: Bool = true
    ) throws(VulkanError) -> [KernelDispatch] {
        guard let shader else {
            throw VulkanError(step: "multiplying a \(matrix.type) matrix", detail: "no shader for this type")
        }
        let stride = outputStride ?? matrix.rows
        // One grid dimension holds 65,535 workgroups, each taking a tile of vectors.
        guard vectors >= 1, vectors <= 65_535 * shader.tileVectors else {
            throw bad(shader, "\(vectors) vectors (1 to \(65_535 * shader.tileVectors) allowed)")
        }
        let tiles = (vectors + shader.tileVectors - 1) / shader.tileVectors
        // A smaller stride would have two vectors' rows land on the same outputs; a larger one than
        // 32 bits does not reach the shader (and keeps the sums below from overflowing).
        guard stride >= matrix.rows, stride <= UInt32.max else { throw bad(shader, "an output stride of \(stride) for \(matrix.rows) rows") }
        // (Codes for the integer dot product shaders are checked by their caller.)
        if inputCheck { try checkFloats(input, inputOffset, try size(shader, vectors, matrix.columns), shader) }
        try checkFloats(output, outputOffset, (vectors - 1) * stride + matrix.rows, shader)
        var dispatches: [KernelDispatch] = []
        for part in matrix.parts {
            let constants = try words(
                shader, [part.rows, matrix.columns, matrix.rowBytes, 0, inputOffset, outputOffset + part.firstRow, stride, vectors])
            let grid = KernelDispatch.grid(items: part.rows, perGroup: 1, layers: tiles)
            dispatches.append(KernelDispatch(shader, buffers: [part.buffer, input, output], constants: constants, groups: grid))
        }
        return dispatches
    }

    /// Each of `rows` rows of `count` values: x / sqrt(mean(x²) + ε) × weight.
    public static func rmsNorm(
        _ input: DeviceBuffer, inputOffset: Int = 0, weight: DeviceBuffer, weightOffset: Int = 0,
        into output: DeviceBuffer, outputOffset: Int = 0, rows: Int = 1, count: Int, epsilon: Float
    ) throws(VulkanError) -> KernelDispatch {
        let shader = Shader.rmsNorm
        guard rows >= 1, count >= 1 else { throw bad(shader, "an empty row") }
        let values = try size(shader, rows, count)
        try checkFloats(input, inputOffset, values, shader)
        try checkFloats(weight, weightOffset, count, shader)
        try checkFloats(output, outputOffset, values, shader)
        var constants = try words(shader, [rows, count])
        constants += [epsilon.bitPattern] + (try words(shader, [inputOffset, weightOffset, outputOffset]))
        return KernelDispatch(shader, buffers: [input, weight, output], constants: constants,
                              groups: KernelDispatch.grid(items: rows, perGroup: 1))
    }

    /// Rotates `batch` × `heads` vectors of `headSize` values in place; `table` holds, for each
    /// of the batch's positions, `dimensions` values (cos, sin of each pair) as
    /// `RotaryEmbedding.fillTable` writes them.
    public static func rope(
        _ vectors: DeviceBuffer, vectorOffset: Int = 0, table: DeviceBuffer, batch: Int = 1, heads: Int, headSize: Int,
        dimensions: Int, style: RotaryStyle
    ) throws(VulkanError) -> KernelDispatch {
        let shader = Shader.rope
        guard batch >= 1, heads >= 1, dimensions >= 2, dimensions % 2 == 0, dimensions <= headSize else {
            throw bad(shader, "rotating \(dimensions) of \(headSize) values")
        }
        try checkFloats(vectors, vectorOffset, try size(shader, batch, heads, headSize), shader)
        try checkFloats(table, 0, try size(shader, batch, dimensions), shader)
        let constants = try words(shader, [batch, heads, headSize, dimensions, style == .halves ? 1 : 0, vectorOffset])
        return KernelDispatch(shader, buffers: [vectors, table], constants: constants,
                              groups: KernelDispatch.grid(items: batch * heads * dimensions / 2, perGroup: shader.workgroupSize))
    }

    /// Softmax of each of `rows` rows of `count` values, in place.
    public static func softmax(_ values: DeviceBuffer, offset: Int = 0, rows: Int = 1, count: Int) throws(VulkanError) -> KernelDispatch {
        let shader = Shader.softmax
        guard rows >= 1, count >= 1 else { throw bad(shader, "an empty row") }
        try checkFloats(values, offset, try size(shader, rows, count), shader)
        return KernelDispatch(shader, buffers: [values], constants: try words(shader, [rows, count, offset]),
                              groups: KernelDispatch.grid(items: rows, perGroup: 1))
    }

    /// gate[i] = silu(gate[i]) · up[i] for `count` values.
    public static func swiglu(gate: DeviceBuffer, gateOffset: Int = 0, up: DeviceBuffer, upOffset: Int = 0, count: Int) throws(VulkanError) -> KernelDispatch {
        try elementwise(.swiglu, [(gate, gateOffset), (up, upOffset)], count: count)
    }

    /// gate[i] = gelu(gate[i]) · up[i] for `count` values, GELU's tanh approximation with the
    /// input and GELU of it rounded to f16 as the engine's GELU.applyGated (Gemma).
    public static func gelu(gate: DeviceBuffer, gateOffset: Int = 0, up: DeviceBuffer, upOffset: Int = 0, count: Int) throws(VulkanError) -> KernelDispatch {
        try elementwise(.gelu, [(gate, gateOffset), (up, upOffset)], count: count)
    }

    /// target[targetOffset + i] += addend[addendOffset + j] for `count` values, j = i, or with an
    /// `addendPeriod` p > 0, j = i mod p: one row of p values (a bias) added to every row of a batch.
    public static func add(
        _ target: DeviceBuffer, targetOffset: Int = 0, _ addend: DeviceBuffer, addendOffset: Int = 0, count: Int,
        addendPeriod: Int = 0
    ) throws(VulkanError) -> KernelDispatch {
        let shader = Shader.add
        guard count >= 1, addendPeriod >= 0 else { throw bad(shader, "\(count) values with a period of \(addendPeriod)") }
        try checkFloats(target, targetOffset, count, shader)
        // The addend values read: a whole period, or fewer when the count is shorter.
        try checkFloats(addend, addendOffset, addendPeriod == 0 ? count : min(addendPeriod, count), shader)
        return KernelDispatch(shader, buffers: [target, addend], constants: try words(shader, [count, targetOffset, addendOffset, addendPeriod]),
                              groups: KernelDispatch.grid(items: count, perGroup: shader.workgroupSize))
    }

    /// values[i] *= factor for `count` values.
    public static func scale(_ values: DeviceBuffer, offset: Int = 0, by factor: Float, count: Int) throws(VulkanError) -> KernelDispatch {
        var dispatch = try elementwise(.scale, [(values, offset)], count: count)
        dispatch = KernelDispatch(.scale, buffers: dispatch.buffers, constants: dispatch.constants + [factor.bitPattern], groups: dispatch.groups)
        return dispatch
    }

    /// The matrix-matrix shader for weights of `type` (a tile of vectors per workgroup).
    static func matrixTileShader(for type: GGMLType) -> Shader? {
        switch type {
        case .f32: .matmulF32
        case .f16: .matmulF16
        case .q8_0: .matmulQ8_0
        case .q4_0: .matmulQ4_0
        case .q4_1: .matmulQ4_1
        case .q5_0: .matmulQ5_0
        case .q5_1: .matmulQ5_1
        case .q4_K: .matmulQ4_K
        case .q5_K: .matmulQ5_K
        case .q6_K: .matmulQ6_K
        default: nil
        }
    }

    /// The matrix-vector shader that multiplies weights of `type`, or nil where none exists yet.
    static func matrixShader(for type: GGMLType) -> Shader? {
        switch type {
        case .f32: .matvecF32
        case .f16: .matvecF16
        case .q8_0: .matvecQ8_0
        case .q4_0: .matvecQ4_0
        case .q4_1: .matvecQ4_1
        case .q5_0: .matvecQ5_0
        case .q5_1: .matvecQ5_1
        case .q4_K: .matvecQ4_K
        case .q5_K: .matvecQ5_K
        case .q6_K: .matvecQ6_K
        default: nil
        }
    }

    private static func elementwise(_ shader: Shader, _ operands: [(DeviceBuffer, Int)], count: Int) throws(VulkanError) -> KernelDispatch {
        guard count >= 1 else { throw bad(shader, "no values") }
        for (buffer, offset) in operands { try checkFloats(buffer, offset, count, shader) }
        let constants = try words(shader, [count] + operands.map(\.1))
        return KernelDispatch(shader, buffers: operands.map(\.0), constants: constants,
                              groups: KernelDispatch.grid(items: count, perGroup: shader.workgroupSize))
    }

    /// Floats offset ..< offset + count must lie inside `buffer`.
    static func checkFloats(_ buffer: DeviceBuffer, _ offset: Int, _ count: Int, _ shader: Shader) throws(VulkanError) {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard offset >= 0, count >= 0, !overflow, end <= buffer.byteCount / 4 else {
            throw bad(shader, "floats \(offset) ..< \(offset &+ count) do not fit a buffer of \(buffer.byteCount / 4)")
        }
    }

    /// The product of sizes a caller passed (rows × values, …), or a VulkanError where it is
    /// negative or does not fit an Int, rather than a trap on overflow.
    static func size(_ shader: Shader, _ factors: Int...) throws(VulkanError) -> Int {
        var product = 1
        for factor in factors {
            let (next, overflow) = product.multipliedReportingOverflow(by: factor)
            guard factor >= 0, !overflow else { throw bad(shader, "sizes \(factors.map(String.init).joined(separator: " × ")) are out of range") }
            product = next
        }
        return product
    }

    /// Push-constant words; each value must fit the shaders' 32-bit unsigned integers.
    static func words(_ shader: Shader, _ values: [Int]) throws(VulkanError) -> [UInt32] {
        var result: [UInt32] = []
        for value in values {
            guard let word = UInt32(exactly: value) else { throw bad(shader, "the value \(value) does not fit 32 bits") }
            result.append(word)
        }
        return result
    }

    static func bad(_ shader: Shader, _ detail: String) -> VulkanError {
        VulkanError(step: "preparing \(shader.rawValue)", detail: detail)
    }
}
