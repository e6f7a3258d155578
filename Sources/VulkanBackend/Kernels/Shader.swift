// The compute shaders the backend runs: each one's GLSL file (Sources/VulkanBackend/Shaders),
// how many storage buffers it binds and its workgroup size, which the GLSL declares too.

import CVulkan

enum Shader: String, CaseIterable, Sendable {
    case add
    case scale
    case swiglu
    case gelu
    case softmax
    case rmsNorm = "rms_norm"
    case rope
    case matvecF32 = "matvec_f32"
    case matvecF16 = "matvec_f16"
    case matvecQ8_0 = "matvec_q8_0"
    case matvecQ4_0 = "matvec_q4_0"
    case matvecQ4_1 = "matvec_q4_1"
    case matvecQ5_0 = "matvec_q5_0"
    case matvecQ5_1 = "matvec_q5_1"
    case matvecQ4_K = "matvec_q4_k"
    case matvecQ5_K = "matvec_q5_k"
    case matvecQ6_K = "matvec_q6_k"
    case matmulF32 = "matmul_f32"
    case matmulF16 = "matmul_f16"
    case matmulQ8_0 = "matmul_q8_0"
    case matmulQ4_0 = "matmul_q4_0"
    case matmulQ4_1 = "matmul_q4_1"
    case matmulQ5_0 = "matmul_q5_0"
    case matmulQ5_1 = "matmul_q5_1"
    case matmulQ4_K = "matmul_q4_k"
    case matmulQ5_K = "matmul_q5_k"
    case matmulQ6_K = "matmul_q6_k"
    case attentionF16 = "attention_f16"
    case storeHalves = "store_halves"
    case quantizeQ8 = "quantize_q8"
    case matvecQ4_0Q8 = "matvec_q4_0_q8"
    case matvecQ8_0Q8 = "matvec_q8_0_q8"
    case matvecQ4_1Q8 = "matvec_q4_1_q8"
    case matmulQ4_0Q8 = "matmul_q4_0_q8"
    case matmulQ8_0Q8 = "matmul_q8_0_q8"
    case matmulQ4_1Q8 = "matmul_q4_1_q8"
    case matvecQ5_0Q8 = "matvec_q5_0_q8"
    case matvecQ5_1Q8 = "matvec_q5_1_q8"
    case matvecQ4_KQ8 = "matvec_q4_k_q8"
    case matvecQ5_KQ8 = "matvec_q5_k_q8"
    case matvecQ6_KQ8 = "matvec_q6_k_q8"
    case matmulQ5_0Q8 = "matmul_q5_0_q8"
    case matmulQ5_1Q8 = "matmul_q5_1_q8"
    case matmulQ4_KQ8 = "matmul_q4_k_q8"
    case matmulQ5_KQ8 = "matmul_q5_k_q8"
    case matmulQ6_KQ8 = "matmul_q6_k_q8"

    /// The products with integer dot products (*_q8.comp): they need the device feature.
    static let integerProducts: Set<Shader> = [
        .matvecQ4_0Q8, .matvecQ8_0Q8, .matvecQ4_1Q8, .matvecQ5_0Q8, .matvecQ5_1Q8, .matvecQ4_KQ8, .matvecQ5_KQ8, .matvecQ6_KQ8,
        .matmulQ4_0Q8, .matmulQ8_0Q8, .matmulQ4_1Q8, .matmulQ5_0Q8, .matmulQ5_1Q8, .matmulQ4_KQ8, .matmulQ5_KQ8, .matmulQ6_KQ8,
    ]

    /// The most storage buffers any shader binds.
    static let maxBindings = 5

    /// Storage buffers at bindings 0 ..< bindings of set 0.
    var bindings: Int {
        switch self {
        case .scale, .softmax: 1
        case .add, .swiglu, .gelu, .rope, .storeHalves, .quantizeQ8: 2
        case .rmsNorm, .matvecF32, .matvecF16, .matvecQ8_0, .matvecQ4_0, .matvecQ4_1, .matvecQ5_0, .matvecQ5_1, .matvecQ4_K, .matvecQ5_K,
             .matvecQ6_K, .matmulF32, .matmulF16, .matmulQ8_0, .matmulQ4_0, .matmulQ4_1, .matmulQ5_0, .matmulQ5_1, .matmulQ4_K,
             .matmulQ5_K, .matmulQ6_K,
             .matvecQ4_0Q8, .matvecQ8_0Q8, .matvecQ4_1Q8, .matvecQ5_0Q8, .matvecQ5_1Q8, .matvecQ4_KQ8, .matvecQ5_KQ8, .matvecQ6_KQ8,
             .matmulQ4_0Q8, .matmulQ8_0Q8, .matmulQ4_1Q8, .matmulQ5_0Q8, .matmulQ5_1Q8, .matmulQ4_KQ8, .matmulQ5_KQ8, .matmulQ6_KQ8: 3
        case .attentionF16: 5
        }
    }

    /// Invocations per workgroup (local_size_x in the GLSL).
    var workgroupSize: Int {
        switch self {
        case .add, .scale, .swiglu, .gelu, .rope, .storeHalves: 256
        case .softmax, .rmsNorm, .attentionF16, .matvecF32, .matvecF16, .matvecQ8_0, .matvecQ4_0, .matvecQ4_1, .matvecQ5_0, .matvecQ5_1, .matvecQ4_K, .matvecQ5_K,
             .matvecQ6_K, .matmulF32, .matmulF16, .matmulQ8_0, .matmulQ4_0, .matmulQ4_1, .matmulQ5_0, .matmulQ5_1, .matmulQ4_K,
             .matmulQ5_K, .matmulQ6_K, .quantizeQ8,
             .matvecQ4_0Q8, .matvecQ8_0Q8, .matvecQ4_1Q8, .matvecQ5_0Q8, .matvecQ5_1Q8, .matvecQ4_KQ8, .matvecQ5_KQ8, .matvecQ6_KQ8,
             .matmulQ4_0Q8, .matmulQ8_0Q8, .matmulQ4_1Q8, .matmulQ5_0Q8, .matmulQ5_1Q8, .matmulQ4_KQ8, .matmulQ5_KQ8, .matmulQ6_KQ8: 64
        }
    }

    /// Whether the shader uses the integer dot product instruction (a device feature to enable).
    var needsIntegerDotProduct: Bool {
        Self.integerProducts.contains(self)
    }

    /// Input vectors one workgroup of a product shader multiplies (TILE in the GLSL).
    var tileVectors: Int { rawValue.hasPrefix("matmul_") ? 8 : 1 }

    /// The committed SPIR-V words, or nil when scripts/compile-shaders has not compiled this shader.
    var spirv: UnsafeBufferPointer<UInt32>? {
        for index in 0..<cvulkan_shader_count() {
            guard let shader = cvulkan_shader_at(index)?.pointee, String(cString: shader.name) == rawValue else { continue }
            return UnsafeBufferPointer(start: shader.words, count: shader.word_count)
        }
        return nil
    }

    /// Every compiled shader's name, as the C table lists them.
    static var compiledNames: [String] {
        (0..<cvulkan_shader_count()).compactMap { cvulkan_shader_at($0).map { String(cString: $0.pointee.name) } }
    }

    /// The `glslc --version` line that compiled the committed shaders.
    static var compiler: String { String(cString: cvulkan_shader_compiler()) }
}
