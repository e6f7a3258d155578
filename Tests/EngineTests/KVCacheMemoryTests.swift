// What the conversation memory really costs: an f16 cache holds 2 bytes per key or value element,
// as llama.cpp's default cache does, and the allocator agrees (half of an f32 cache).

#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Engine

@Suite("KV cache memory")
struct KVCacheMemoryTests {
    /// glibc's malloc_usable_size (in malloc.h, which Swift's Glibc module does not import).
    static let usableSize: (@convention(c) (UnsafeMutableRawPointer?) -> Int)? = {
        guard let symbol = dlsym(nil, "malloc_usable_size") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutableRawPointer?) -> Int).self)
    }()

    /// SmolLM2's shape read from the file's metadata, apart from the engine's own shape code.
    private func fileShape() throws -> (layers: Int, keyValueHeads: Int, headSize: Int) {
        let metadata = try GGUFFile(path: GGUFTestFiles.smolLM2).metadata
        let heads = try metadata.integer("llama.attention.head_count")
        return (try metadata.integer("llama.block_count"), try metadata.integer("llama.attention.head_count_kv"),
                try metadata.integer("llama.embedding_length") / heads)
    }

    @Test("an f16 cache costs 2 × layers × KV heads × head size × 2 bytes per token, and the allocator holds no more")
    func halfCacheBytes() throws {
        let model = try TestModel.open(threads: 1)
        let shape = try fileShape()
        let perToken = 2 * shape.layers * shape.keyValueHeads * shape.headSize * 2
        #expect(perToken == 23_040)  // SmolLM2-135M: 30 layers, 3 KV heads of 64
        let cache = try model.makeCache(capacity: 4096)
        #expect(cache.precision == .f16, "f16 is the default, as in llama.cpp")
        #expect(cache.bytesPerPosition == perToken)
        #expect(cache.byteCount == perToken * 4096)
        // The memory really allocated, as the C library's allocator reports it: at least what the
        // cache says, and not the f32 size.
        let usableSize = try #require(Self.usableSize, "the C library has no malloc_usable_size")
        let allocated = usableSize(UnsafeMutableRawPointer(mutating: cache.storage.keys))
            + usableSize(UnsafeMutableRawPointer(mutating: cache.storage.values))
        #expect(allocated >= cache.byteCount)
        #expect(allocated < cache.byteCount + 64 << 10, "allocated \(allocated) bytes for \(cache.byteCount)")

        let full = try model.makeCache(capacity: 4096, precision: .f32)
        #expect(full.bytesPerPosition == 2 * perToken)
    }

    @Test("what is stored in an f16 cache reads back as the f16 rounding of what was written")
    func halfCacheStores() throws {
        let cache = try KVCache(layers: 2, capacity: 3, width: 40, precision: .f16)
        let key = TestNumbers.vector(40, seed: 1, range: 70_000), value = TestNumbers.vector(40, seed: 2, range: 1e-5)
        cache.withExclusiveUse { (_: inout Int) in
            cache.store(layer: 1, position: 2, key: key, value: value)
        }
        let (keys, values) = cache.halfLayer(1)
        for i in 0..<40 {
            #expect(keys[2 * 40 + i] == Float16(key[i]).bitPattern, "key \(key[i])")
            #expect(values[2 * 40 + i] == Float16(value[i]).bitPattern, "value \(value[i])")
        }
    }
}
