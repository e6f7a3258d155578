// Attention over an f16 KV cache on the device against the engine's CPU attention
// (HalfCacheAttention's Swift twin) on the engine's own cache (KVCache, f16), uploaded as it lies
// in memory. NMSE limit 1e-9: both round the query and the softmax weights to f16 and sum in f32,
// in different orders, which leaves at most ~1.5e-10 (observed values printed; a weight that rounds to the other f16 neighbour); skipping one of the
// f16 roundings would leave an error of the order of f16's (2^-11 squared, ~2e-7), far above it. Edge cases: position 0 (one position: the
// output is that value row), a long context, head sizes 64 and 128, grouped-query ratios 1 and
// 4, a causal batch of rows, a second layer (cache offset), large scores; sliding windows (a
// batch whose later rows lose their first positions, generation far past the window, a window of
// one position, a window as long as the context, which must equal no window bit for bit).

@testable import Engine
import Foundation
import Testing
@testable import VulkanBackend

@Suite("Vulkan attention over an f16 KV cache against the CPU")
struct AttentionKernelTests {
    static let limit = 1e-9

    struct Case: CustomTestStringConvertible, Sendable {
        let headSize: Int, heads: Int, kvHeads: Int, start: Int, rows: Int
        var magnitude: Float = 1
        var window: Int? = nil
        var testDescription: String {
            "head size \(headSize), \(heads)/\(kvHeads) heads, positions \(start)..<\(start + rows), ×\(magnitude)"
                + (window.map { ", window \($0)" } ?? "")
        }
        /// The first position row `row` sees, as TransformerModel.attend computes it.
        func first(_ row: Int) -> Int { window.map { max(0, start + row + 1 - $0) } ?? 0 }
    }

    static let cases: [Case] = [
        Case(headSize: 64, heads: 4, kvHeads: 4, start: 0, rows: 1),
        Case(headSize: 128, heads: 8, kvHeads: 2, start: 0, rows: 1),
        Case(headSize: 64, heads: 8, kvHeads: 2, start: 37, rows: 1),
        Case(headSize: 128, heads: 4, kvHeads: 4, start: 100, rows: 1),
        Case(headSize: 128, heads: 8, kvHeads: 2, start: 2047, rows: 1),
        Case(headSize: 64, heads: 4, kvHeads: 1, start: 10, rows: 7),
        Case(headSize: 64, heads: 4, kvHeads: 1, start: 200, rows: 1, magnitude: 8),
        Case(headSize: 64, heads: 4, kvHeads: 1, start: 10, rows: 7, window: 12),
        Case(headSize: 128, heads: 8, kvHeads: 2, start: 300, rows: 1, window: 64),
        Case(headSize: 64, heads: 4, kvHeads: 2, start: 70, rows: 40, window: 100),
        Case(headSize: 64, heads: 4, kvHeads: 4, start: 5, rows: 3, window: 1),
        Case(headSize: 64, heads: 8, kvHeads: 2, start: 37, rows: 2, window: 39),
        Case(headSize: 64, heads: 8, kvHeads: 2, start: 37, rows: 2, window: 512),
    ]

    @Test("attention matches the engine's f16-cache attention", arguments: cases)
    func matchesCPU(_ c: Case) throws {
        let device = try Lavapipe.open()
        let positions = c.start + c.rows, width = c.kvHeads * c.headSize, qWidth = c.heads * c.headSize
        let scale = 1 / Float(c.headSize).squareRoot()
        // Two layers; the device attends over the second, so the layer offset is exercised.
        let cache = try KVCache(layers: 2, capacity: positions, width: width, precision: .f16)
        for layer in 0..<2 {
            let keys = SyntheticMatrix.activations(count: positions * width, seed: UInt64(10 + layer)).map { $0 * c.magnitude }
            let values = SyntheticMatrix.activations(count: positions * width, seed: UInt64(20 + layer))
            for p in 0..<positions {
                keys.withUnsafeBufferPointer { k in
                    values.withUnsafeBufferPointer { v in
                        cache.store(layer: layer, position: p, key: k.baseAddress! + p * width, value: v.baseAddress! + p * width)
                    }
                }
            }
        }
        let queries = SyntheticMatrix.activations(count: c.rows * qWidth, seed: 30).map { $0 * c.magnitude }

        // The CPU: each row and query head over its key/value head, as TransformerModel calls it.
        let (cpuKeys, cpuValues) = cache.halfLayer(1)
        var expected = [Float](repeating: 0, count: c.rows * qWidth)
        var scores = [Float](repeating: 0, count: positions)
        for row in 0..<c.rows {
            for head in 0..<c.heads {
                let first = c.first(row)
                let offset = (head / (c.heads / c.kvHeads)) * c.headSize + first * width
                queries.withUnsafeBufferPointer { q in
                    expected.withUnsafeMutableBufferPointer { out in
                        HalfCacheAttention.attend(
                            query: q.baseAddress! + row * qWidth + head * c.headSize, keys: cpuKeys + offset,
                            values: cpuValues + offset, length: c.start + row + 1 - first, attended: c.start + row + 1 - first,
                            headSize: c.headSize, stride: width, scale: scale, scores: &scores,
                            output: out.baseAddress! + row * qWidth + head * c.headSize, singleQuery: c.rows == 1)
                    }
                }
            }
        }

        // The device: the whole cache uploaded byte for byte, the second layer at its offset.
        let cacheBytes = 2 * positions * width * 2
        let keys = try DeviceBuffer(device: device, byteCount: cacheBytes)
        let values = try DeviceBuffer(device: device, byteCount: cacheBytes)
        try keys.write(UnsafeRawBufferPointer(start: cache.storage.keys, count: cacheBytes))
        try values.write(UnsafeRawBufferPointer(start: cache.storage.values, count: cacheBytes))
        let queryBuffer = try DeviceBuffer(device: device, byteCount: 4 * queries.count)
        try queryBuffer.write(queries)
        let scratch = try DeviceBuffer(device: device, byteCount: 4 * c.rows * c.heads * positions)
        let output = try DeviceBuffer(device: device, byteCount: 4 * (expected.count + 1))
        try output.write([Float](repeating: .nan, count: expected.count + 1))
        func attend(window: Int?) throws -> [Float] {
            try output.write([Float](repeating: .nan, count: expected.count + 1))
            try device.run([try Kernels.attention(
                queries: queryBuffer, keys: keys, values: values, cacheOffset: positions * width, scores: scratch,
                into: output, rows: c.rows, start: c.start, heads: c.heads, kvHeads: c.kvHeads, headSize: c.headSize,
                scale: scale, window: window)])
            return try output.readFloats(count: expected.count + 1)
        }
        let all = try attend(window: c.window)
        let actual = Array(all.prefix(expected.count))
        let error = nmse(actual, expected)
        print("Vulkan NMSE attention_f16 \(c.testDescription): \(error)")
        #expect(error < Self.limit, "NMSE \(error)")
        #expect(actual.allSatisfy { $0.isFinite })
        #expect(all[expected.count].isNaN, "nothing written past the last head")
        if c.window ?? c.start + 1 == 1 && c.rows == 1 || c.window == 1 {
            // One visible position (the row's own): its weight is exactly 1, so the output is that value row.
            for row in 0..<c.rows {
                for head in 0..<c.heads {
                    let kvHead = head / (c.heads / c.kvHeads), position = c.start + row
                    let values = (0..<c.headSize).map { HalfFloat.float(fromF16: cpuValues[position * width + kvHead * c.headSize + $0]) }
                    let start = (row * c.heads + head) * c.headSize
                    #expect(Array(actual[start..<start + c.headSize]) == values, "row \(row), head \(head)")
                }
            }
        }
        if let window = c.window, window >= positions {
            // A window as long as the context hides nothing: the same bits as no window.
            #expect(try attend(window: nil).map(\.bitPattern) == all.map(\.bitPattern))
        }
    }

    @Test("shapes the shader cannot take are refused before anything runs")
    func refusesBadShapes() throws {
        let device = try Lavapipe.open()
        let small = try DeviceBuffer(device: device, byteCount: 4 * 1024)
        func attend(heads: Int = 4, kvHeads: Int = 2, headSize: Int = 64, start: Int = 3, cacheOffset: Int = 0) throws {
            _ = try Kernels.attention(queries: small, keys: small, values: small, cacheOffset: cacheOffset, scores: small,
                                      into: small, start: start, heads: heads, kvHeads: kvHeads, headSize: headSize, scale: 1)
        }
        try attend()
        #expect(throws: VulkanError.self) { try attend(heads: 3) }  // 3 query heads cannot share 2 key heads
        #expect(throws: VulkanError.self) { try attend(headSize: 63) }
        #expect(throws: VulkanError.self) { try attend(headSize: 1024) }
        #expect(throws: VulkanError.self) { try attend(cacheOffset: 1) }
        #expect(throws: VulkanError.self) { try attend(start: 100) }  // 101 positions do not fit the cache buffer
        // Sizes whose products overflow an Int: an error, not a trap.
        #expect(throws: VulkanError.self) { try attend(start: Int.max) }
        #expect(throws: VulkanError.self) { try attend(start: Int.max / 4) }
        #expect(throws: VulkanError.self) { try attend(heads: 1 << 40, kvHeads: 1 << 20) }
        #expect(throws: VulkanError.self) {
            try Kernels.attention(queries: small, keys: small, values: small, scores: small, into: small, start: 3, heads: 4,
                                  kvHeads: 2, headSize: 64, scale: 1, window: 0)
        }
    }
}
