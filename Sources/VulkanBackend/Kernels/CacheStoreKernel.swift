// Writing keys and values into the f16 KV cache on the device, rounded as the engine's KVCache
// rounds them on the processor (HalfFloat.f16: nearest, ties to even), so a cache filled on the
// device holds the same bits as one filled by the CPU path.

extension Kernels {
    /// Converts `count` floats of `source` from `sourceOffset` to f16 and writes them at f16 index
    /// `halfOffset` of `cache`. Both `halfOffset` and `count` must be even: the shader writes whole
    /// 32-bit words, two values each, so no two invocations write the same word.
    public static func storeHalves(
        _ source: DeviceBuffer, sourceOffset: Int = 0, into cache: DeviceBuffer, halfOffset: Int, count: Int
    ) throws(VulkanError) -> KernelDispatch {
        let shader = Shader.storeHalves
        guard count >= 2, count % 2 == 0, halfOffset >= 0, halfOffset % 2 == 0 else {
            throw bad(shader, "\(count) values at f16 index \(halfOffset) (both must be even)")
        }
        try checkFloats(source, sourceOffset, count, shader)
        let (end, overflow) = halfOffset.addingReportingOverflow(count)
        guard !overflow, end <= cache.byteCount / 2 else {
            throw bad(shader, "f16 values \(halfOffset) ..< \(halfOffset &+ count) do not fit a cache buffer of \(cache.byteCount / 2)")
        }
        return KernelDispatch(shader, buffers: [source, cache], constants: try words(shader, [count, sourceOffset, halfOffset]),
                              groups: KernelDispatch.grid(items: count / 2, perGroup: shader.workgroupSize))
    }
}
