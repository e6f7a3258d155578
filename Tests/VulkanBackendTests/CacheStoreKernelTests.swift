// Keys and values written into the f16 cache on the device hold the same bits as the engine's
// KVCache.store writes on the processor (F16C there, or Swift's Float16), for random values
// over every magnitude and the edge cases of the rounding: ±0, subnormal halves and their ties,
// floats too small for any half, the largest half, overflow to infinity, infinities and NaNs.

@testable import Engine
import Testing
@testable import VulkanBackend

@Suite("Vulkan f16 cache stores against KVCache")
struct CacheStoreKernelTests {
    /// Values whose f16 rounding is a corner case, each also negated.
    static let edges: [Float] = {
        let unit: Float = 0x1p-24  // the smallest subnormal half
        var values: [Float] = [
            0, unit, 3 * unit, 1023 * unit, 0.5 * unit, 1.5 * unit, 2.5 * unit, 0.5 * unit + 0x1p-40, 0.25 * unit,
            1023.5 * unit, 0x1p-14, 0x1p-14 - 0x1p-30, .leastNormalMagnitude, .leastNonzeroMagnitude,
            .leastNormalMagnitude / 1024, 1, 1 + 0x1p-11, 1 + 3 * 0x1p-11, 1 + 0x1p-11 + 0x1p-20, 2049, 2051,
            65504, 65519.99, 65520, 65536, 1e10, .greatestFiniteMagnitude, .infinity, .nan,
            Float(bitPattern: 0x7fc0_2000), Float(bitPattern: 0x7f80_0001), Float(bitPattern: 0x7fbf_ffff),
        ]
        values += values.map { -$0 }
        return values
    }()

    /// Random values from 2^-30 to 2^20 in magnitude.
    static let randomValues: [Float] = {
        let base = SyntheticMatrix.activations(count: 4000, seed: 77)
        return base.enumerated().map { i, x in x * Float(sign: .plus, exponent: i % 51 - 30, significand: 1) }
    }()

    @Test("the device's f16 stores equal KVCache's bit for bit")
    func matchesKVCache() throws {
        let device = try Lavapipe.open()
        let values = Self.edges + Self.randomValues
        let count = values.count
        #expect(count % 2 == 0)

        let cache = try KVCache(layers: 1, capacity: 1, width: count, precision: .f16)
        values.withUnsafeBufferPointer { v in cache.store(layer: 0, position: 0, key: v.baseAddress!, value: v.baseAddress!) }
        let expected = Array(UnsafeBufferPointer(start: cache.halfLayer(0).keys, count: count))
        #expect(expected == values.map { HalfFloat.f16(from: $0) }, "the CPU's two roundings agree")

        // Guard values around both ranges: nothing else may change.
        let source = try DeviceBuffer(device: device, byteCount: 4 * (count + 6))
        try source.write([Float](repeating: 7, count: 6))
        try source.write(values, at: 6)
        let halfOffset = 10, cacheHalves = halfOffset + count + 6
        let target = try DeviceBuffer(device: device, byteCount: 2 * cacheHalves)
        let guardBits = [UInt16](repeating: 0xABCD, count: cacheHalves)
        try guardBits.withUnsafeBytes { try target.write($0) }
        try device.run([try Kernels.storeHalves(source, sourceOffset: 6, into: target, halfOffset: halfOffset, count: count)])
        var stored = [UInt16](repeating: 0, count: cacheHalves)
        try stored.withUnsafeMutableBytes { try target.read(into: $0) }

        let actual = Array(stored[halfOffset..<halfOffset + count])
        let mismatches = (0..<count).filter { actual[$0] != expected[$0] }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, first: \(mismatches.prefix(5).map { (values[$0], actual[$0], expected[$0]) })")
        #expect(stored[..<halfOffset].allSatisfy { $0 == 0xABCD } && stored[(halfOffset + count)...].allSatisfy { $0 == 0xABCD })
    }

    @Test("odd offsets and counts, and values past either buffer, are refused")
    func refusesBadShapes() throws {
        let device = try Lavapipe.open()
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * 16)
        _ = try Kernels.storeHalves(buffer, into: buffer, halfOffset: 16, count: 16)
        #expect(throws: VulkanError.self) { try Kernels.storeHalves(buffer, into: buffer, halfOffset: 1, count: 4) }
        #expect(throws: VulkanError.self) { try Kernels.storeHalves(buffer, into: buffer, halfOffset: 0, count: 3) }
        #expect(throws: VulkanError.self) { try Kernels.storeHalves(buffer, into: buffer, halfOffset: 18, count: 16) }
        #expect(throws: VulkanError.self) { try Kernels.storeHalves(buffer, sourceOffset: 2, into: buffer, halfOffset: 0, count: 16) }
    }
}
