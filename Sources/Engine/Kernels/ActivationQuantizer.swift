// Converts one row of f32 activations into the block format a weight type is multiplied with
// (Q8_0, Q8_1, Q8_K or a 16-bit float), rounding exactly as llama.cpp's x86 CPU backend does so
// products agree with it to the last bit of the quantised inputs.

import CX86Kernels

enum ActivationQuantizer {
    /// Writes `count` values from `x` into `out` as `type` (one of the activation types), with
    /// the x86 quantiser when `path` is an x86 path this CPU supports: the results are the same.
    static func quantizeRow(_ x: UnsafePointer<Float>, count: Int, as type: GGMLType, into out: UnsafeMutableRawPointer, path: KernelPath) {
        if path != .portable, path.isSupported {
            switch type {
            case .q8_0: return onramp_quantize_q8_avx2(x, Int32(count), out, 0)
            case .q8_1: return onramp_quantize_q8_avx2(x, Int32(count), out, 1)
            case .q8_K: return onramp_quantize_q8_k_avx2(x, Int32(count), out)
            case .f16: return onramp_convert_f16_avx2(x, Int32(count), out)
            default: break
            }
        }
        switch type {
        case .q8_0: q8Blocks(x, count: count, into: out, withSum: false)
        case .q8_1: q8Blocks(x, count: count, into: out, withSum: true)
        case .q8_K: q8KBlocks(x, count: count, into: out)
        case .f16:
            let h = out.assumingMemoryBound(to: UInt16.self)
            for i in 0..<count { h[i] = HalfFloat.f16(from: x[i]) }
        case .bf16:
            let h = out.assumingMemoryBound(to: UInt16.self)
            for i in 0..<count { h[i] = HalfFloat.bf16(from: x[i]) }
        default:
            out.copyMemory(from: x, byteCount: count * MemoryLayout<Float>.stride)
        }
    }

    /// An 8-bit code for `scaled` (already in [-127, 127] up to rounding); NaN becomes 0 so a
    /// broken activation cannot trap the conversion. Adding and removing 1.5·2^23 rounds to
    /// nearest even in the default rounding mode without a library call (as ggml's nearest_int).
    @inline(__always)
    static func code(_ scaled: Float) -> Int8 {
        let magic: Float = 12_582_912
        let r = (scaled + magic) - magic
        guard r == r else { return 0 }
        return Int8(Swift.max(-128, Swift.min(127, r)))
    }

    /// Q8_0 (f16 scale, 32 codes) or Q8_1 (f16 scale, f16 scale×sum, 32 codes): scale = max|x|/127.
    private static func q8Blocks(_ x: UnsafePointer<Float>, count: Int, into out: UnsafeMutableRawPointer, withSum: Bool) {
        let blockBytes = withSum ? GGMLType.q8_1.bytesPerBlock : GGMLType.q8_0.bytesPerBlock
        let codesOffset = withSum ? 4 : 2
        for block in 0..<(count / 32) {
            let src = x + block * 32
            let dst = out + block * blockBytes
            var amax: Float = 0
            for j in 0..<32 { amax = Swift.max(amax, abs(src[j])) }
            let d = amax / 127
            let inverse: Float = amax != 0 ? 127 / amax : 0
            dst.storeBytes(of: HalfFloat.f16(from: d), as: UInt16.self)
            let codes = (dst + codesOffset).assumingMemoryBound(to: Int8.self)
            var sum: Int32 = 0
            for j in 0..<32 {
                let q = code(src[j] * inverse)
                codes[j] = q
                sum += Int32(q)
            }
            if withSum {
                (dst + 2).storeBytes(of: HalfFloat.f16(from: d * Float(sum)), as: UInt16.self)
            }
        }
    }

    /// Q8_K: f32 scale, 256 codes, 16 sums of 16 codes. The scale is signed so the value of largest
    /// magnitude maps to -127 exactly, as ggml's reference does.
    private static func q8KBlocks(_ x: UnsafePointer<Float>, count: Int, into out: UnsafeMutableRawPointer) {
        let blockBytes = GGMLType.q8_K.bytesPerBlock
        for block in 0..<(count / 256) {
            let src = x + block * 256
            let dst = out + block * blockBytes
            var amax: Float = 0
            var extreme: Float = 0
            for j in 0..<256 where abs(src[j]) > amax {
                amax = abs(src[j])
                extreme = src[j]
            }
            let codes = (dst + 4).assumingMemoryBound(to: Int8.self)
            let sums = (dst + 4 + 256).assumingMemoryBound(to: Int16.self)
            guard amax != 0 else {
                (dst).initializeMemory(as: UInt8.self, repeating: 0, count: blockBytes)
                continue
            }
            let inverse = -127 / extreme
            dst.storeBytes(of: 1 / inverse, as: Float.self)
            for j in 0..<256 { codes[j] = code(inverse * src[j]) }
            for group in 0..<16 {
                var sum: Int16 = 0
                for j in 0..<16 { sum += Int16(codes[group * 16 + j]) }
                sums[group] = sum
            }
        }
    }
}
