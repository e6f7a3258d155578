// Reads the real SmolLM2 test model; expected values were read once with the `gguf` Python package.
import Foundation
import Testing
@testable import Engine

@Suite("Reading the SmolLM2 test model")
struct GGUFRealModelTests {
    let file: GGUFFile

    init() throws {
        let path = GGUFTestFiles.smolLM2
        try #require(FileManager.default.fileExists(atPath: path), "test model missing at \(path); run scripts/fetch-test-models")
        file = try GGUFFile(path: path)
    }

    @Test("the header, alignment and data section match the gguf package's reading")
    func header() {
        #expect(file.version == 3)
        #expect(file.fileSize == 98_362_432)
        #expect(file.alignment == 32)
        #expect(file.dataOffset == 1_785_664)
        #expect(file.metadata.count == 33)
        #expect(file.tensors.count == 272)
        #expect(file.metadata.keys.first == "general.architecture")
        #expect(file.metadata.keys.last == "general.quantization_version")
    }

    @Test("metadata values of every kind read back exactly")
    func metadataValues() throws {
        let metadata = file.metadata
        #expect(try metadata.string("general.architecture") == "llama")
        #expect(try metadata.string("general.name") == "Smollm2 135M 8k Lc100K Mix1 Ep2")
        #expect(try metadata.integer("llama.block_count") == 30)
        #expect(try metadata.integer("llama.embedding_length") == 576)
        #expect(try metadata.integer("llama.attention.head_count_kv") == 3)
        #expect(try metadata.float("llama.rope.freq_base") == 100_000)
        #expect(try metadata.float("llama.attention.layer_norm_rms_epsilon") == Float(9.999999747378752e-06))
        #expect(try metadata.bool("tokenizer.ggml.add_bos_token") == false)
        #expect(try metadata.stringArray("general.languages") == ["en"])
        let tokens = try metadata.stringArray("tokenizer.ggml.tokens")
        #expect(tokens.count == 49_152)
        #expect(tokens.first == "<|endoftext|>")
        #expect(tokens.last == "ectable")
        let merges = try metadata.stringArray("tokenizer.ggml.merges")
        #expect(merges.count == 48_900)
        #expect(merges.first == "Ġ t")
        #expect(merges.last == "ect able")
        let types = try metadata.integerArray("tokenizer.ggml.token_type")
        #expect(types.count == 49_152 && types.first == 3 && types.last == 1)
        #expect(try metadata.stringIfPresent("tokenizer.chat_template")?.hasPrefix("{% for message in messages %}") == true)
        #expect(try metadata.stringIfPresent("no.such.key") == nil)
    }

    @Test("tensor shapes, types, offsets and sizes match the gguf package's reading")
    func tensorInfos() throws {
        let embedding = try #require(file.tensor(named: "token_embd.weight"))
        #expect(embedding == GGUFTensorInfo(name: "token_embd.weight", shape: [576, 49_152], type: .q8_0, offset: 1_785_664, byteCount: 30_081_024))
        #expect(embedding.rowLength == 576 && embedding.rowCount == 49_152)
        let keys = try #require(file.tensor(named: "blk.0.attn_k.weight"))
        #expect(keys == GGUFTensorInfo(name: "blk.0.attn_k.weight", shape: [576, 192], type: .q4_1, offset: 33_530_176, byteCount: 69_120))
        let down = try #require(file.tensor(named: "blk.0.ffn_down.weight"))
        #expect(down.shape == [1536, 576] && down.type == .q4_1 && down.byteCount == 552_960)
        let norm = try #require(file.tensor(named: "output_norm.weight"))
        #expect(norm == GGUFTensorInfo(name: "output_norm.weight", shape: [576], type: .f32, offset: 98_360_128, byteCount: 2304))
        #expect(file.tensor(named: "output.weight") == nil)
        #expect(file.tensors.filter { $0.type == .q4_1 }.count == 210)
        #expect(file.tensors.filter { $0.type == .f32 }.count == 61)
        #expect(file.tensors.first?.name == "token_embd.weight")
        #expect(file.tensors.last?.name == "output_norm.weight")
    }

    @Test("tensor bytes come straight from the file")
    func tensorBytes() throws {
        let norm = try #require(file.tensor(named: "output_norm.weight"))
        let normBytes = file.bytes(of: norm)
        #expect(normBytes.count == 2304)
        let firstValues = (0..<3).map { normBytes.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        #expect(firstValues == [1.7578125, 1.8203125, 1.78125])
        let keys = try #require(file.tensor(named: "blk.0.attn_k.weight"))
        #expect(Array(file.bytes(of: keys).prefix(8)) == [0x49, 0x31, 0xe8, 0xbd, 0xb8, 0xdb, 0x96, 0x87])
    }

    // How long opening takes is a benchmark, not a test: `onramp bench MODEL` prints it.
    @Test("opening the file from its path validates every tensor: aligned, inside the file, as long as its type and shape need")
    func openingValidates() throws {
        let opened = try GGUFFile(path: file.path)
        #expect(opened.tensors.count == 272)
        for tensor in opened.tensors {
            #expect(tensor.offset % opened.alignment == 0, "\(tensor.name)")
            #expect(tensor.offset >= opened.dataOffset && tensor.offset + tensor.byteCount <= opened.fileSize, "\(tensor.name)")
            #expect(opened.bytes(of: tensor).count == tensor.byteCount, "\(tensor.name)")
        }
    }
}
