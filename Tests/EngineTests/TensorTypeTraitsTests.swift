// The one table of tensor types: it agrees with the C kernels' shared header, with ggml's
// numbering, with the kernels that really exist, and every list and message derived from it
// names exactly the types the engine computes with.
import CX86Kernels
@testable import Engine
import Testing

@Suite("Tensor type traits")
struct TensorTypeTraitsTests {
    /// Each type the C kernels read, with the header's number, values per block, bytes per block
    /// and the size of its block struct.
    static let cHeader: [(type: GGMLType, number: Int, values: Int, bytes: Int, structSize: Int)] = [
        (.f32, ONRAMP_TYPE_F32, 1, ONRAMP_F32_BYTES, MemoryLayout<Float>.size),
        (.f16, ONRAMP_TYPE_F16, 1, ONRAMP_F16_BYTES, MemoryLayout<onramp_half>.size),
        (.bf16, ONRAMP_TYPE_BF16, 1, ONRAMP_BF16_BYTES, MemoryLayout<onramp_half>.size),
        (.q4_0, ONRAMP_TYPE_Q4_0, ONRAMP_BLOCK_VALUES, ONRAMP_Q4_0_BYTES, MemoryLayout<onramp_block_q4_0>.size),
        (.q4_1, ONRAMP_TYPE_Q4_1, ONRAMP_BLOCK_VALUES, ONRAMP_Q4_1_BYTES, MemoryLayout<onramp_block_q4_1>.size),
        (.q5_0, ONRAMP_TYPE_Q5_0, ONRAMP_BLOCK_VALUES, ONRAMP_Q5_0_BYTES, MemoryLayout<onramp_block_q5_0>.size),
        (.q5_1, ONRAMP_TYPE_Q5_1, ONRAMP_BLOCK_VALUES, ONRAMP_Q5_1_BYTES, MemoryLayout<onramp_block_q5_1>.size),
        (.q8_0, ONRAMP_TYPE_Q8_0, ONRAMP_BLOCK_VALUES, ONRAMP_Q8_0_BYTES, MemoryLayout<onramp_block_q8_0>.size),
        (.q8_1, ONRAMP_TYPE_Q8_1, ONRAMP_BLOCK_VALUES, ONRAMP_Q8_1_BYTES, MemoryLayout<onramp_block_q8_1>.size),
        (.q4_K, ONRAMP_TYPE_Q4_K, ONRAMP_SUPER_BLOCK_VALUES, ONRAMP_Q4_K_BYTES, MemoryLayout<onramp_block_q4_k>.size),
        (.q5_K, ONRAMP_TYPE_Q5_K, ONRAMP_SUPER_BLOCK_VALUES, ONRAMP_Q5_K_BYTES, MemoryLayout<onramp_block_q5_k>.size),
        (.q6_K, ONRAMP_TYPE_Q6_K, ONRAMP_SUPER_BLOCK_VALUES, ONRAMP_Q6_K_BYTES, MemoryLayout<onramp_block_q6_k>.size),
        (.q8_K, ONRAMP_TYPE_Q8_K, ONRAMP_SUPER_BLOCK_VALUES, ONRAMP_Q8_K_BYTES, MemoryLayout<onramp_block_q8_k>.size),
    ]

    @Test("the Swift table and the C kernels' header give every type the same number, block size and block bytes")
    func swiftAndCAgree() {
        for entry in Self.cHeader {
            #expect(Int(entry.type.rawValue) == entry.number, "\(entry.type): number")
            #expect(entry.type.blockSize == entry.values, "\(entry.type): values per block")
            #expect(entry.type.bytesPerBlock == entry.bytes, "\(entry.type): bytes per block")
            #expect(entry.type.bytesPerBlock == entry.structSize, "\(entry.type): the C block struct's size")
        }
        // Every type the engine multiplies, and every activation format, is in the header.
        let inHeader = Set(Self.cHeader.map(\.type))
        for type in GGMLType.computable {
            #expect(inHeader.contains(type), "\(type) has kernels but no entry in onramp_tensor_types.h")
            if let activations = type.activationType { #expect(inHeader.contains(activations)) }
        }
    }

    @Test("ggml's block layouts: 32-value blocks of 18 to 36 bytes, 256-value super-blocks of 144 to 292")
    func ggmlLayouts() {
        let expected: [GGMLType: (Int, Int)] = [
            .f32: (1, 4), .f16: (1, 2), .bf16: (1, 2), .q4_0: (32, 18), .q4_1: (32, 20), .q5_0: (32, 22),
            .q5_1: (32, 24), .q8_0: (32, 34), .q8_1: (32, 36), .q2_K: (256, 84), .q3_K: (256, 110),
            .q4_K: (256, 144), .q5_K: (256, 176), .q6_K: (256, 210), .q8_K: (256, 292),
            .i8: (1, 1), .i16: (1, 2), .i32: (1, 4), .i64: (1, 8), .f64: (1, 8),
        ]
        for type in GGMLType.allCases {
            let (values, bytes) = expected[type]!
            #expect(type.blockSize == values && type.bytesPerBlock == bytes, "\(type)")
        }
    }

    @Test("every ggml type number up to MXFP4 (39) is either in the table or named as refused, never both")
    func everyNumberKnown() {
        for number in UInt32(0)...39 {
            let inTable = GGMLType(rawValue: number) != nil
            let refused = GGMLType.refusedTypeNames[number] != nil
            #expect(inTable != refused, "type \(number)")
        }
        #expect(GGMLType.refusedTypeNames[16] == "IQ2_XXS")
    }

    @Test("each type's formats decode and multiply that type, and its activations are a type the engine decodes")
    func formatsMatchTheirType() {
        for type in GGMLType.allCases {
            let traits = type.traits
            if let decoder = traits.decoder { #expect(decoder.type == type, "\(type) decoder") }
            guard let product = traits.product else { continue }
            #expect(product.portable.type == type, "\(type) portable kernel")
            #expect(traits.decoder != nil, "\(type) has a product but no reference decoder")
            #expect(product.activationType.traits.decoder != nil, "\(type)'s activations cannot be decoded")
            #expect(product.activationType.blockSize == type.blockSize, "\(type): activation blocks line up with weight blocks")
        }
    }

    @Test("the x86 kernels multiply exactly the types whose traits say they have a SIMD kernel")
    func simdKernelsMatchTable() throws {
        // An empty product (no rows, no columns) asks only whether the type has a kernel.
        var args = onramp_matmul_args(
            weights: nil, weight_row_bytes: 0, blocks: 0, activations: nil, activation_row_bytes: 64, batch: 0,
            row_begin: 0, row_end: 0, y: nil, y_stride: 0)
        // Only the paths this CPU runs can be asked (KernelDispatchTests checks which those are).
        for path in KernelPath.supported where path != .portable {
            let product = try #require(path.entry.product)
            for number in UInt32(0)...39 {
                let simd = GGMLType(rawValue: number)?.traits.product?.simd ?? false
                #expect((product(number, &args) != 0) == simd, "type \(number) on \(path)")
            }
        }
    }

    @Test("the supported lists and messages are the table's: self-test, loader, kernels and parser name the same types")
    func derivedListsAgree() {
        let computable = GGMLType.allCases.filter { $0.traits.product != nil }
        #expect(Set(GGMLType.computable) == Set(computable))
        #expect(GGMLType.computable.count == computable.count)
        #expect(KernelSelfCheck.types == GGMLType.computable)
        #expect(TensorSpec.matrixTypes == Set(computable))
        #expect(GGMLType.computableText == "F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K or Q6_K")
        let kernelMessage = KernelError.unsupportedType(.q2_K).description
        for type in computable {
            #expect(kernelMessage.contains(type.description.uppercased()), "\(type) missing from: \(kernelMessage)")
        }
        #expect(!kernelMessage.contains("Q2_K,"))
    }

    @Test("the parser's refusal of an IQ2_XXS file names the refused type and lists the table's types")
    func parserMessage() throws {
        let path = GGUFTestFiles.hostileFolder.appendingPathComponent("unsupported-type-iq2_xxs.gguf").path
        do throws(GGUFError) {
            _ = try GGUFFile(path: path)
            Issue.record("an IQ2_XXS file was accepted")
        } catch {
            #expect(error.problem == .unsupportedTensorType)
            #expect(error.description.contains("IQ2_XXS (type 16)"))
            #expect(error.description.contains(GGMLType.computableText))
        }
    }
}
