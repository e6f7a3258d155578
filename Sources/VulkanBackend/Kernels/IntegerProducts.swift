// Products with integer dot products, on devices that have them (Vulkan 1.3's
// shaderIntegerDotProduct): the input vectors are first turned into 8-bit codes and a scale per
// block of 32 values (`quantize`), then each weight block's products are summed as integers. For
// Q4_0, Q4_1, Q5_0, Q5_1 and Q8_0 these are the processor's own inputs (Q8_0, Q8_1): per product
// its usual answer up to the order of float additions (NMSE ~1e-13 on real matrices). The
// processor gives K-quants' inputs one scale per 256 values (Q8_K); the card keeps one per 32 for
// them too, one format for every product, and checks them against the exact product with its codes.
// The layers use them for every matrix whose type has such a shader (DeviceLayers.integerProducts):
// on lavapipe they take about half the time of f32 inputs. Over a whole model 8-bit inputs amplify
// any difference in float order (a value next to a rounding step lands on the other code), so the
// card's answers differ from the processor's usual path about as much as the processor's own AVX2
// and portable paths differ from each other (DeviceForwardTests), not to the last bit.

import Engine

extension Kernels {
    /// 32-bit words one input vector of `columns` values takes as codes: per block of 32 values,
    /// 8 words of codes, the scale and the scaled sum (for weights with an offset, Q4_1).
    public static func codeWords(columns: Int) -> Int { columns / 32 * 10 }

    /// Whether weights of `type` have integer dot product shaders.
    public static func hasIntegerProduct(for type: GGMLType) -> Bool { integerShader(for: type, tile: false) != nil }

    /// Turns `vectors` vectors of `columns` values (from float `inputOffset` of `input`) into codes
    /// at the start of `codes`, for `multiply(_:codes:...)`. `columns` must be a multiple of 32.
    public static func quantize(
        _ input: DeviceBuffer, inputOffset: Int = 0, vectors: Int, columns: Int, into codes: DeviceBuffer
    ) throws(VulkanError) -> KernelDispatch {
        let shader = Shader.quantizeQ8
        guard vectors >= 1, columns >= 32, columns % 32 == 0 else { throw bad(shader, "\(vectors) vectors of \(columns) values") }
        try checkFloats(input, inputOffset, try size(shader, vectors, columns), shader)
        try checkFloats(codes, 0, try size(shader, vectors, codeWords(columns: columns)), shader)
        let constants = try words(shader, [vectors, columns, inputOffset])
        return KernelDispatch(shader, buffers: [input, codes], constants: constants,
                              groups: KernelDispatch.grid(items: vectors * columns / 32, perGroup: shader.workgroupSize))
    }

    /// `multiply` for input vectors that `quantize` turned into `codes` (the first `vectors` of
    /// them), summed with integer dot products. Throws for a weight type without such a shader
    /// (`hasIntegerProduct`) and on a device without the instruction.
    public static func multiply(
        _ matrix: DeviceMatrix, codes: DeviceBuffer, into output: DeviceBuffer, outputOffset: Int = 0,
        vectors: Int = 1, outputStride: Int? = nil
    ) throws(VulkanError) -> [KernelDispatch] {
        guard let shader = integerShader(for: matrix.type, tile: vectors > 1) else {
            throw VulkanError(step: "multiplying a \(matrix.type) matrix with integer dot products", detail: "no shader for this type")
        }
        guard codes.device.usesIntegerDotProduct else {
            throw bad(shader, "the device has no integer dot product instruction")
        }
        guard matrix.columns % 32 == 0 else { throw bad(shader, "\(matrix.columns) columns, not whole blocks of 32") }
        guard vectors >= 1 else { throw bad(shader, "\(vectors) vectors") }
        try checkFloats(codes, 0, try size(shader, vectors, codeWords(columns: matrix.columns)), shader)
        return try multiply(matrix, codes, into: output, outputOffset: outputOffset, vectors: vectors, outputStride: outputStride,
                            shader: shader, inputCheck: false)
    }

    /// The integer dot product shader for weights of `type` (the tiled one for several vectors).
    static func integerShader(for type: GGMLType, tile: Bool) -> Shader? {
        switch type {
        case .q4_0: tile ? .matmulQ4_0Q8 : .matvecQ4_0Q8
        case .q8_0: tile ? .matmulQ8_0Q8 : .matvecQ8_0Q8
        case .q4_1: tile ? .matmulQ4_1Q8 : .matvecQ4_1Q8
        case .q5_0: tile ? .matmulQ5_0Q8 : .matvecQ5_0Q8
        case .q5_1: tile ? .matmulQ5_1Q8 : .matvecQ5_1Q8
        case .q4_K: tile ? .matmulQ4_KQ8 : .matvecQ4_KQ8
        case .q5_K: tile ? .matmulQ5_KQ8 : .matvecQ5_KQ8
        case .q6_K: tile ? .matmulQ6_KQ8 : .matvecQ6_KQ8
        default: nil
        }
    }
}
