// Buffers, pipelines, one submission of several dispatches, and teardown, on lavapipe.

import Foundation
import Testing
@testable import VulkanBackend

@Suite("Vulkan compute plumbing")
struct ComputePlumbingTests {
    @Test("floats written to a device buffer read back unchanged, at any offset")
    func roundTrip() throws {
        let device = try Lavapipe.open()
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * 1000)
        let values = (0..<1000).map { Float($0) * 0.5 - 17 }
        try buffer.write(values)
        #expect(try buffer.readFloats(count: 1000) == values)
        try buffer.write([1, 2, 3], at: 997)
        #expect(try buffer.readFloats(count: 4, from: 996) == [values[996], 1, 2, 3])
    }

    @Test("reads and writes outside a buffer are refused with a message, not performed")
    func outOfRange() throws {
        let device = try Lavapipe.open()
        let buffer = try DeviceBuffer(device: device, byteCount: 16)
        #expect(throws: VulkanError.self) { try buffer.write([1, 2, 3, 4, 5]) }
        #expect(throws: VulkanError.self) { try buffer.readFloats(count: 1, from: 4) }
        #expect(throws: VulkanError.self) { try buffer.readFloats(count: 1, from: Int.max / 2) }
        #expect(throws: VulkanError.self) { try DeviceBuffer(device: device, byteCount: 0) }
        let tooLarge = Int(device.info.maxStorageBufferRange) + 4
        let error = try #require(throws: VulkanError.self) { try DeviceBuffer(device: device, byteCount: tooLarge) }
        #expect(error.message.contains("at most \(device.info.maxStorageBufferRange) bytes"))
    }

    @Test("a staging buffer and a copy on the device move bytes as a card with its own memory needs")
    func stagingCopy() throws {
        let device = try Lavapipe.open()
        let source = try DeviceBuffer(device: device, byteCount: 64, placement: .staging)
        let target = try DeviceBuffer(device: device, byteCount: 64)
        try source.write((0..<16).map(Float.init))
        try device.copy(from: source, at: 8, to: target, at: 16, byteCount: 32)
        #expect(try target.readFloats(count: 8, from: 4) == (2..<10).map(Float.init))
    }

    @Test("dispatches in one submission run in order, each seeing the one before")
    func orderedDispatches() throws {
        let device = try Lavapipe.open()
        let count = 1000  // not a multiple of the 256-wide workgroups
        let a = try DeviceBuffer(device: device, byteCount: 4 * count)
        let b = try DeviceBuffer(device: device, byteCount: 4 * count)
        let x = (0..<count).map { Float($0) }
        let y = (0..<count).map { Float($0 % 7) - 3 }
        try a.write(x)
        try b.write(y)
        // (a + b) × 0.5, then + b again: wrong if the scale ran before the first add finished.
        try device.run([
            try Kernels.add(a, b, count: count),
            try Kernels.scale(a, by: 0.5, count: count),
            try Kernels.add(a, b, count: count - 1),
        ])
        let expected = (0..<count).map { i in (x[i] + y[i]) * 0.5 + (i < count - 1 ? y[i] : 0) }
        #expect(try a.readFloats(count: count) == expected)
        #expect(try b.readFloats(count: count) == y)
    }

    @Test("offsets address part of a buffer; the rest stays as it was")
    func offsets() throws {
        let device = try Lavapipe.open()
        let buffer = try DeviceBuffer(device: device, byteCount: 4 * 20)
        try buffer.write((0..<20).map(Float.init))
        try device.run([try Kernels.add(buffer, targetOffset: 10, buffer, addendOffset: 0, count: 5)])
        let after = try buffer.readFloats(count: 20)
        #expect(Array(after[10..<15]) == [10, 12, 14, 16, 18])
        #expect(Array(after[0..<10]) == (0..<10).map(Float.init))
        #expect(Array(after[15...]) == (15..<20).map(Float.init))
    }

    @Test("a dispatch whose sizes do not fit its buffers is refused before anything runs")
    func badDispatch() throws {
        let device = try Lavapipe.open()
        let small = try DeviceBuffer(device: device, byteCount: 40)
        #expect(throws: VulkanError.self) { try Kernels.add(small, small, count: 11) }
        #expect(throws: VulkanError.self) { try Kernels.softmax(small, offset: 8, count: 3) }
        #expect(throws: VulkanError.self) { try Kernels.rope(small, table: small, heads: 1, headSize: 4, dimensions: 6, style: .adjacent) }
        #expect(throws: VulkanError.self) { try Kernels.rmsNorm(small, weight: small, into: small, count: 0, epsilon: 1e-5) }
        let other = try Lavapipe.open()
        let foreign = try DeviceBuffer(device: other, byteCount: 40)
        let error = try #require(throws: VulkanError.self) { try device.run([try Kernels.add(small, foreign, count: 10)]) }
        #expect(error.message.contains("do not match"))
    }

    @Test("devices open, compute and close again and again (every object destroyed in order)")
    func teardown() throws {
        for round in 0..<3 {
            let device = try Lavapipe.open()
            let buffer = try DeviceBuffer(device: device, byteCount: 4 * 300)
            try buffer.write([Float](repeating: Float(round), count: 300))
            try device.run([try Kernels.scale(buffer, by: 2, count: 300)])
            #expect(try buffer.readFloats(count: 300) == [Float](repeating: Float(2 * round), count: 300))
            #expect(device.pipelines.count == 1)
        }
    }

    @Test("the pipeline of a shader is made once and reused")
    func pipelineCache() throws {
        let device = try Lavapipe.open()
        let buffer = try DeviceBuffer(device: device, byteCount: 16)
        try buffer.write([1, 2, 3, 4])
        try device.run([try Kernels.scale(buffer, by: 2, count: 4), try Kernels.scale(buffer, by: 3, count: 4)])
        let first = try device.pipeline(for: .scale).pipeline
        try device.run([try Kernels.scale(buffer, by: 0.5, count: 4)])
        #expect(try device.pipeline(for: .scale).pipeline == first)
        #expect(device.pipelines.count == 1)
        #expect(try buffer.readFloats(count: 4) == [3, 6, 9, 12])
    }
}
