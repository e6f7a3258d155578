// libFuzzer entry: any bytes must either open as a GGUF model or be refused with a GGUFError,
// never crash, read out of bounds, hang, or allocate beyond the input's size. The tokenizer
// built from the same metadata is exercised too, since it reads the same untrusted values.
import GGUFUnderTest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGGUF(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = start.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    do throws(GGUFError) {
        let file = try GGUFFile(bytes: input, name: "fuzz.gguf")
        // Every tensor's bytes must lie inside the input: touch the first and last byte.
        var checksum: UInt8 = 0
        for tensor in file.tensors where tensor.byteCount > 0 {
            let bytes = file.bytes(of: tensor)
            checksum &+= bytes[0] &+ bytes[bytes.count - 1]
        }
        for key in file.metadata.keys {
            _ = try? file.metadata.integer(key)
            _ = try? file.metadata.float(key)
            _ = try? file.metadata.integerArray(key)
            _ = try? file.metadata.stringArray(key)
        }
        // The tokenizer reads the same untrusted metadata; it must refuse or work, never crash.
        if let vocabulary = try? TokenizerVocabulary(metadata: file.metadata),
           let tokenizer = try? vocabulary.makeTokenizer() {
            let ids = tokenizer.encode("Hello, world! <|im_start|>user 123 ✓ 日本", addSpecial: true, parseSpecial: true)
            _ = tokenizer.decode(ids + [-1, Int32.max])
        }
        _ = try LlamaHyperparameters(file: file)
        if checksum == 0x5A { return 0 }  // keeps the reads from being optimised away
    } catch {
        precondition(!error.message.isEmpty, "every refusal explains itself")
    }
    return 0
}
