// The model's memory of the conversation: each layer's keys and values for every position so
// far, so a new token attends to the past without recomputing it. Pages are touched only as
// positions fill, so an unused large context costs address space, not memory.
// An f16 cache (the default, as llama.cpp's) stores 2-byte f16 values, rounded as llama.cpp
// rounds them; attention converts them as it reads (`HalfCacheAttention`). An f32 cache stores
// the keys and values unrounded, at twice the memory.

import CX86Kernels
import Synchronization

/// Sendable because every mutable part is guarded: the filled count lives in a mutex, and the
/// key and value memory is written and read only by a forward pass holding that mutex
/// (`withExclusiveUse`), so two threads that share a cache take turns instead of racing.
public final class KVCache: @unchecked Sendable {
    public enum Precision: String, Sendable, CaseIterable {
        case f32, f16
        /// Bytes one stored key or value element takes.
        public var bytes: Int {
            switch self {
            case .f32: 4
            case .f16: 2
            }
        }
    }

    public let precision: Precision
    public let layers: Int
    /// Positions the cache can hold.
    public let capacity: Int
    /// Elements per position per layer (key heads × head size).
    let width: Int
    /// Positions filled so far.
    public var count: Int { filled.withLock { $0 } }
    private let filled = Mutex(0)

    let keys: UnsafeMutableRawPointer
    let values: UnsafeMutableRawPointer
    private let layerBytes: Int

    /// The keys and values a `LayerOffload` keeps on its device for this conversation (its own
    /// layers never use the memory above). Read and replaced only by the offload, during a
    /// forward pass, which holds the cache (`withExclusiveUse`).
    public var offloadStorage: AnyObject?

    public init(layers: Int, capacity: Int, width: Int, precision: Precision = .f32) throws(ModelError) {
        guard layers > 0, capacity > 0, width > 0 else {
            throw .invalidSetting("The context must hold at least one token.")
        }
        let (perLayer, overflowA) = capacity.multipliedReportingOverflow(by: width * precision.bytes)
        let (total, overflowB) = perLayer.multipliedReportingOverflow(by: layers)
        guard !overflowA, !overflowB, total <= 1 << 40 else {
            throw .invalidSetting("A context of \(capacity) tokens needs more memory than this computer can address; use a smaller --context.")
        }
        self.precision = precision
        self.layers = layers
        self.capacity = capacity
        self.width = width
        layerBytes = perLayer
        keys = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1), alignment: 64)
        values = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1), alignment: 64)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    /// Bytes both halves take when full (allocated up front, touched as positions fill).
    public var byteCount: Int { 2 * layers * layerBytes }

    /// Bytes one more position of context costs: a key and a value row in every layer.
    var bytesPerPosition: Int { byteCount / capacity }

    /// Where the keys and the values start (for tests that ask the allocator what it holds).
    var storage: (keys: UnsafeRawPointer, values: UnsafeRawPointer) { (UnsafeRawPointer(keys), UnsafeRawPointer(values)) }

    /// Whether the F16C conversion in CX86Kernels may run (the same rounding as the Swift one).
    private static let convertsWithF16C = KernelPath.avx2.isSupported

    /// Forgets positions from `newCount` on (a chat answer that was stopped, a rewind).
    public func truncate(to newCount: Int) {
        filled.withLock { count in count = min(max(0, newCount), count) }
    }

    /// Runs `body` with the cache to itself: `body` gets the positions filled so far and may
    /// advance them; `store` and `layer` are called only from inside such a body.
    func withExclusiveUse<Result, Failure: Error>(
        _ body: (inout Int) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try filled.withLock { (count: inout Int) throws(Failure) -> Result in try body(&count) }
    }

    /// Writes one position's key and value rows (`width` floats each) for `layer`, rounding
    /// them to f16 (nearest, ties to even) in an f16 cache.
    func store(layer: Int, position: Int, key: UnsafePointer<Float>, value: UnsafePointer<Float>) {
        let offset = layer * layerBytes + position * width * precision.bytes
        switch precision {
        case .f32:
            (keys + offset).assumingMemoryBound(to: Float.self).update(from: key, count: width)
            (values + offset).assumingMemoryBound(to: Float.self).update(from: value, count: width)
        case .f16:
            if Self.convertsWithF16C {
                onramp_convert_f16_avx2(key, Int32(width), keys + offset)
                onramp_convert_f16_avx2(value, Int32(width), values + offset)
                return
            }
            let k = (keys + offset).assumingMemoryBound(to: UInt16.self)
            let v = (values + offset).assumingMemoryBound(to: UInt16.self)
            for i in 0..<width {
                k[i] = HalfFloat.f16(from: key[i])
                v[i] = HalfFloat.f16(from: value[i])
            }
        }
    }

    /// An f32 cache's layer: keys and values, position-major, `width` floats per position.
    func floatLayer(_ layer: Int) -> (keys: UnsafePointer<Float>, values: UnsafePointer<Float>) {
        precondition(precision == .f32, "an f16 cache read as f32")
        return (UnsafePointer((keys + layer * layerBytes).assumingMemoryBound(to: Float.self)),
                UnsafePointer((values + layer * layerBytes).assumingMemoryBound(to: Float.self)))
    }

    /// An f16 cache's layer: keys and values as f16 bit patterns, position-major, `width` per position.
    func halfLayer(_ layer: Int) -> (keys: UnsafePointer<UInt16>, values: UnsafePointer<UInt16>) {
        precondition(precision == .f16, "an f32 cache read as f16")
        return (UnsafePointer((keys + layer * layerBytes).assumingMemoryBound(to: UInt16.self)),
                UnsafePointer((values + layer * layerBytes).assumingMemoryBound(to: UInt16.self)))
    }
}
