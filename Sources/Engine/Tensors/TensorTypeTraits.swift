// Everything the engine knows about one tensor type, declared once, as ggml's `type_traits`: its
// name, block layout, and the kernels that multiply weights of the type. The lists of types the
// engine runs, the error messages that name them and the self-test's list of kernels are all
// derived from `GGMLType.traits`; the C kernels take the same numbers and sizes from
// `onramp_tensor_types.h`, and a test checks that the two agree.

struct TensorTypeTraits {
    /// The name ggml and llama.cpp print ("q4_K").
    let name: String
    /// Values per block (1 for the plain number types).
    let blockSize: Int
    /// Bytes per block, from ggml's block structs (`block_q4_0` = f16 scale + 16 nibble bytes, …).
    let bytesPerBlock: Int
    /// Decodes one block to floats: the reference twin every kernel is compared with. Nil for
    /// types the engine never reads values of.
    let decoder: (any BlockDecoder.Type)?
    /// How weights of this type are multiplied; nil when the engine cannot compute with them.
    let product: Product?

    /// The kernels for weights of one type.
    struct Product {
        /// The format activations are converted to first, as llama.cpp pairs them (its
        /// `vec_dot_type`): 8-bit blocks for quantised weights (Q8_1 carries the block sum that
        /// the Q4_1/Q5_1 minimum needs), the weight's own float format otherwise.
        let activationType: GGMLType
        /// The portable dot product (plain Swift, any CPU).
        let portable: any BlockFormat.Type
        /// Whether the x86 SIMD kernels (every path but the portable one) multiply the type.
        let simd: Bool
    }

    init(_ name: String, blockSize: Int, bytesPerBlock: Int, decoder: (any BlockDecoder.Type)? = nil, product: Product? = nil) {
        self.name = name
        self.blockSize = blockSize
        self.bytesPerBlock = bytesPerBlock
        self.decoder = decoder
        self.product = product
    }

    /// A weight type with both kernels: its format decodes (reference) and multiplies (portable).
    init(_ name: String, blockSize: Int, bytesPerBlock: Int, weights format: any BlockFormat.Type, activations: GGMLType) {
        self.init(name, blockSize: blockSize, bytesPerBlock: bytesPerBlock, decoder: format,
                  product: Product(activationType: activations, portable: format, simd: true))
    }
}

extension GGMLType {
    /// The one table of tensor types: one entry per type a GGUF file may hold that the parser
    /// accepts. Types ggml has that the parser refuses are named in `refusedTypeNames`.
    var traits: TensorTypeTraits {
        switch self {
        case .f32: TensorTypeTraits("f32", blockSize: 1, bytesPerBlock: 4, weights: F32Format.self, activations: .f32)
        case .f16: TensorTypeTraits("f16", blockSize: 1, bytesPerBlock: 2, weights: F16Format.self, activations: .f16)
        case .bf16: TensorTypeTraits("bf16", blockSize: 1, bytesPerBlock: 2, weights: BF16Format.self, activations: .bf16)
        case .q4_0: TensorTypeTraits("q4_0", blockSize: 32, bytesPerBlock: 2 + 16, weights: Q4_0.self, activations: .q8_0)
        case .q4_1: TensorTypeTraits("q4_1", blockSize: 32, bytesPerBlock: 2 + 2 + 16, weights: Q4_1.self, activations: .q8_1)
        case .q5_0: TensorTypeTraits("q5_0", blockSize: 32, bytesPerBlock: 2 + 4 + 16, weights: Q5_0.self, activations: .q8_0)
        case .q5_1: TensorTypeTraits("q5_1", blockSize: 32, bytesPerBlock: 2 + 2 + 4 + 16, weights: Q5_1.self, activations: .q8_1)
        case .q8_0: TensorTypeTraits("q8_0", blockSize: 32, bytesPerBlock: 2 + 32, weights: Q8_0.self, activations: .q8_0)
        case .q8_1: TensorTypeTraits("q8_1", blockSize: 32, bytesPerBlock: 2 + 2 + 32, decoder: Q8_1.self)
        case .q2_K: TensorTypeTraits("q2_K", blockSize: 256, bytesPerBlock: 256 / 16 + 256 / 4 + 2 + 2)
        case .q3_K: TensorTypeTraits("q3_K", blockSize: 256, bytesPerBlock: 256 / 8 + 256 / 4 + 12 + 2)
        case .q4_K: TensorTypeTraits("q4_K", blockSize: 256, bytesPerBlock: 2 + 2 + 12 + 256 / 2, weights: Q4_K.self, activations: .q8_K)
        case .q5_K: TensorTypeTraits("q5_K", blockSize: 256, bytesPerBlock: 2 + 2 + 12 + 256 / 8 + 256 / 2, weights: Q5_K.self, activations: .q8_K)
        case .q6_K: TensorTypeTraits("q6_K", blockSize: 256, bytesPerBlock: 256 / 2 + 256 / 4 + 256 / 16 + 2, weights: Q6_K.self, activations: .q8_K)
        case .q8_K: TensorTypeTraits("q8_K", blockSize: 256, bytesPerBlock: 4 + 256 + 256 / 16 * 2, decoder: Q8_K.self)
        case .i8: TensorTypeTraits("i8", blockSize: 1, bytesPerBlock: 1)
        case .i16: TensorTypeTraits("i16", blockSize: 1, bytesPerBlock: 2)
        case .i32: TensorTypeTraits("i32", blockSize: 1, bytesPerBlock: 4)
        case .i64: TensorTypeTraits("i64", blockSize: 1, bytesPerBlock: 8)
        case .f64: TensorTypeTraits("f64", blockSize: 1, bytesPerBlock: 8)
        }
    }

    /// ggml types the parser refuses (no block layout here), by number, named so a refusal can
    /// say "IQ2_XXS" instead of "type 16".
    static let refusedTypeNames: [UInt32: String] = [
        4: "Q4_2 (a removed 2023 format)",
        5: "Q4_3 (a removed 2023 format)",
        16: "IQ2_XXS",
        17: "IQ2_XS",
        18: "IQ3_XXS",
        19: "IQ1_S",
        20: "IQ4_NL",
        21: "IQ3_S",
        22: "IQ2_S",
        23: "IQ4_XS",
        29: "IQ1_M",
        31: "Q4_0_4_4 (a removed repacked format)",
        32: "Q4_0_4_8 (a removed repacked format)",
        33: "Q4_0_8_8 (a removed repacked format)",
        34: "TQ1_0",
        35: "TQ2_0",
        36: "IQ4_NL_4_4 (a removed repacked format)",
        37: "IQ4_NL_4_8 (a removed repacked format)",
        38: "IQ4_NL_8_8 (a removed repacked format)",
        39: "MXFP4",
    ]

    /// The weight types the engine computes with: float types first, then the quantised ones
    /// by number (the order of the self-test's report).
    static let computable: [GGMLType] = {
        let types = allCases.filter { $0.traits.product != nil }
        return types.filter { !$0.isQuantized } + types.filter(\.isQuantized)
    }()

    /// "F32, F16, BF16, Q4_0, … or Q6_K": `computable` for messages.
    static var computableText: String {
        let names = computable.map { $0.description.uppercased() }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// What a message about a type the engine refuses says to do next.
    static var computableAdvice: String {
        "Onramp computes with tensors stored as \(computableText); choose a file quantised as Q4_K_M, Q5_K_M, Q8_0 or Q4_0, which use only those."
    }
}
