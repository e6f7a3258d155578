// Attention over an f16 cache, computed the way llama.cpp's CPU backend computes it without
// flash attention, so greedy generation picks the same tokens as llama.cpp. The row of
// attended positions is the whole cache in use (`attended`, masked beyond `length`), and its
// length decides llama.cpp's code path:
// - the query and the attention weights are rounded to f16 before they meet the cache;
// - query·key sums accumulate 16 lanes (lane j takes elements j, j+16, …), then add the
//   lanes pairwise: its AVX-512 f16 matrix kernel (head sizes are multiples of 16); for a
//   single query (generation) ggml's f16 dot product instead: four 16-lane products, added
//   as (0+2)+(1+3), then the lanes pairwise;
// - softmax: llama.cpp's vector exp on whole 16-position chunks (each chunk summed pairwise
//   into a Double), the C library's expf on the rest;
// - weights·values: the same 16-lane kernel when `attended` is a multiple of 16; otherwise
//   ggml's f16 dot product: four 16-lane accumulators over whole 64-position blocks, then the
//   remaining positions added one by one in Double.
// Products of two f16 values are exact in Float, so multiply-then-add equals their FMA.
// The cache stores f16 (2 bytes per value). This Swift code is the portable path and the plain
// reference twin of the F16C kernel in CX86Kernels (half_attention_avx2.c), which converts with
// F16C and gives the same bits (OpsTests compares them bit for bit; the self-test's model check
// runs its reference pass on this twin and the chosen kernel path on the C kernel).

import CX86Kernels
import Foundation

public enum HalfCacheAttention {
    /// Which code reads the cache: the Swift twin (any CPU), or the F16C kernel, which needs what
    /// every x86 kernel path needs (AVX2, FMA and F16C).
    public enum Kernel: Sendable, CaseIterable {
        case swift, f16c

        /// The kernel for a model whose matrix products run on `products`: the twin when those
        /// run on the portable path or the reference (so a reference run is Swift throughout).
        init(for products: ProductKernel) {
            switch products {
            case .reference, .unquantized, .path(.portable): self = .swift
            case .path: self = KernelPath.avx2.isSupported ? .f16c : .swift
            }
        }

        /// The fastest kernel this CPU runs.
        public static var best: Kernel { KernelPath.avx2.isSupported ? .f16c : .swift }
    }

    /// Whether llama.cpp's 16-wide order applies (head sizes that are multiples of 16, which
    /// every model we ship has); otherwise `attendPlain` is used.
    public static func supports(headSize: Int) -> Bool { headSize % 16 == 0 && headSize <= 512 }

    /// - keys/values: position-major f16 bit patterns, `stride` values between positions.
    /// - length: positions this query may see; attended: positions in use in the cache (≥ length).
    /// - scores: scratch for `attended` floats.
    /// - singleQuery: the batch holds one token (llama.cpp then takes its vector dot product).
    /// - kernel: `.f16c` only where `Kernel.best` is `.f16c`.
    public static func attend(
        query: UnsafePointer<Float>, keys: UnsafePointer<UInt16>, values: UnsafePointer<UInt16>,
        length: Int, attended: Int, headSize: Int, stride: Int, scale: Float,
        scores: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, singleQuery: Bool = false,
        kernel: Kernel = .swift
    ) {
        let scratch = AttentionScratch(threads: 1, headSize: headSize)
        attend(
            query: query, keys: keys, values: values, length: length, attended: attended, headSize: headSize,
            stride: stride, scale: scale, scores: scores, output: output, singleQuery: singleQuery,
            scratch: scratch.slice(thread: 0), kernel: kernel)
        withExtendedLifetime(scratch) {}
    }

    /// `attend` with the calling thread's reusable scratch (see `AttentionScratch`).
    static func attend(
        query: UnsafePointer<Float>, keys: UnsafePointer<UInt16>, values: UnsafePointer<UInt16>,
        length: Int, attended: Int, headSize: Int, stride: Int, scale: Float,
        scores: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>, singleQuery: Bool,
        scratch: AttentionScratch.Slice, kernel: Kernel
    ) {
        if kernel == .f16c {
            onramp_half_scores_avx2(
                query, keys, Int32(length), Int32(headSize), stride, scale, singleQuery ? 1 : 0, scores)
            onramp_softmax_avx2(scores, Int32(length), Int32(attended))
            onramp_half_weighted_sum_avx2(
                scores, values, Int32(length), Int32(attended), Int32(headSize), stride, scratch.lanes, output)
            return
        }
        let chunks = headSize / 16
        do {
            let q = scratch.query
            let raw = UnsafeRawPointer(query)
            for c in 0..<chunks {
                q[c] = HalfRounding.round(raw.loadUnaligned(fromByteOffset: c * 64, as: SIMD16<Float>.self))
            }
            for t in 0..<length {
                let key = keys + t * stride
                if singleQuery && chunks % 4 == 0 {
                    scores[t] = LaneSum.pairwise(fourAccumulatorDot(q, key, chunks: chunks)) * scale
                    continue
                }
                var lanes = q[0] * load(key)
                for c in 1..<chunks { lanes += q[c] * load(key + c * 16) }
                scores[t] = LaneSum.pairwise(lanes) * scale
            }
        }
        softmax(scores, length: length, attended: attended)
        for t in 0..<length { scores[t] = HalfRounding.round(scores[t]) }
        weightedSum(
            scores, values: values, length: length, attended: attended, chunks: chunks, stride: stride, output: output,
            lanes: scratch.lanes)
    }

    /// - lanes: scratch for `AttentionScratch.laneCount(headSize:)` floats.
    static func weightedSum(
        _ weights: UnsafePointer<Float>, values: UnsafePointer<UInt16>, length: Int, attended: Int, chunks: Int,
        stride: Int, output: UnsafeMutablePointer<Float>, lanes: UnsafeMutablePointer<Float>
    ) {
        let wholeLanes = attended % 16 == 0
        let groups = wholeLanes ? 1 : 4
        let vectorEnd = wholeLanes ? attended : attended & ~63
        let headSize = chunks * 16
        let count = 16 * headSize
        do {
            lanes.update(repeating: 0, count: groups * count)
            let end = Swift.max(0, Swift.min(length, vectorEnd))
            var t = 0
            while t < end {
                let weight = weights[t]
                let value = values + t * stride
                let group = groups == 1 ? 0 : (t / 16) % 4
                let lane = lanes + (group * 16 + t % 16) * headSize
                var d = 0
                while d < headSize {
                    let sum = UnsafeRawPointer(lane + d).loadUnaligned(as: SIMD16<Float>.self) + weight * HalfVector.load(value + d)
                    UnsafeMutableRawPointer(lane + d).storeBytes(of: sum, as: SIMD16<Float>.self)
                    d += 16
                }
                t += 1
            }
            if groups == 4 {
                for i in 0..<count {
                    lanes[i] = lanes[i] + lanes[2 * count + i]
                    lanes[count + i] = lanes[count + i] + lanes[3 * count + i]
                }
                for i in 0..<count { lanes[i] = lanes[i] + lanes[count + i] }
            }
            // Add the 16 lanes pairwise (8 apart, then 4, 2, 1), for all output values at once.
            var width = 8
            while width >= 1 {
                for j in 0..<width {
                    let low = lanes + j * headSize, high = lanes + (j + width) * headSize
                    for d in 0..<headSize { low[d] = high[d] + low[d] }
                }
                width /= 2
            }
            output.update(from: lanes, count: headSize)
        }
        guard !wholeLanes, length > vectorEnd else { return }
        for d in 0..<headSize {
            var sum = Double(output[d])
            for t in vectorEnd..<length { sum += Double(weights[t] * HalfVector.float(values[t * stride + d])) }
            output[d] = Float(sum)
        }
    }

    /// llama.cpp's softmax over a row of `attended` scores of which the first `length` are
    /// visible (the rest are masked and end up 0). The plain twin of the C kernel
    /// `onramp_softmax_avx2` (softmax_avx2.c), which gives the same bits.
    static func softmax(_ scores: UnsafeMutablePointer<Float>, length: Int, attended: Int) {
        var maximum = -Float.infinity
        for t in 0..<length { maximum = max(maximum, scores[t]) }
        var sum: Double = 0
        var start = 0
        while start + 16 <= attended {
            var chunk = SIMD16<Float>()
            for lane in 0..<16 where start + lane < length {
                let e = VectorExp.exp(scores[start + lane] - maximum)
                scores[start + lane] = e
                chunk[lane] = e
            }
            sum += Double(LaneSum.pairwise(chunk))
            start += 16
        }
        for t in start..<max(start, length) {
            let e = expf(scores[t] - maximum)
            scores[t] = e
            sum += Double(e)
        }
        let inverse = Float(1 / sum)
        for t in 0..<length { scores[t] *= inverse }
    }

    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt16>) -> SIMD16<Float> {
        HalfVector.load(pointer)
    }

    /// ggml's f16 dot product: accumulator a takes 16-wide chunks a, a+4, a+8, …; then the
    /// four accumulators are added (0+2) and (1+3), and those two.
    @inline(__always)
    static func fourAccumulatorDot(_ q: UnsafePointer<SIMD16<Float>>, _ key: UnsafePointer<UInt16>, chunks: Int) -> SIMD16<Float> {
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        var c = 0
        while c < chunks {
            a0 += q[c] * load(key + c * 16)
            a1 += q[c + 1] * load(key + (c + 1) * 16)
            a2 += q[c + 2] * load(key + (c + 2) * 16)
            a3 += q[c + 3] * load(key + (c + 3) * 16)
            c += 4
        }
        return (a0 + a2) + (a1 + a3)
    }

    /// For head sizes llama.cpp's 16-wide kernel does not take: plain order, f16 reads.
    static func attendPlain(
        query: UnsafePointer<Float>, keys: UnsafePointer<UInt16>, values: UnsafePointer<UInt16>,
        length: Int, headSize: Int, stride: Int, scale: Float,
        scores: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        for t in 0..<length {
            var sum: Float = 0
            for i in 0..<headSize { sum += HalfRounding.round(query[i]) * HalfVector.float(keys[t * stride + i]) }
            scores[t] = sum * scale
        }
        Softmax.apply(scores, count: length)
        output.update(repeating: 0, count: headSize)
        for t in 0..<length {
            let weight = HalfRounding.round(scores[t])
            for i in 0..<headSize { output[i] += weight * HalfVector.float(values[t * stride + i]) }
        }
    }
}
