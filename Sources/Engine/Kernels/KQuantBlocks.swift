// Shared pieces of the K-quant formats (Q4_K, Q5_K, Q6_K): 256-value super-blocks whose
// sub-blocks carry their own small integer scales, multiplied with Q8_K activations.

enum KQuant {
    static let superBlock = 256

    /// The 6-bit scale and minimum of sub-block `j` (0..<8) packed in Q4_K/Q5_K's 12 scale bytes.
    @inline(__always)
    static func scaleAndMin(_ packed: UnsafePointer<UInt8>, _ j: Int) -> (scale: Int32, min: Int32) {
        if j < 4 {
            return (Int32(packed[j] & 63), Int32(packed[j + 4] & 63))
        }
        let scale = Int32(packed[j + 4] & 0x0f) | Int32(packed[j - 4] >> 6) << 4
        let min = Int32(packed[j + 4] >> 4) | Int32(packed[j] >> 6) << 4
        return (scale, min)
    }

    /// Σ codes·activations per group of `groupSize` values, weighted by each group's scale,
    /// over one super-block whose weight codes were decoded into `w`.
    @inline(__always)
    static func scaledSum(_ w: UnsafePointer<Int8>, _ x: UnsafePointer<Int8>, groupSize: Int, scale: (Int) -> Int32) -> Int32 {
        var total: Int32 = 0
        for group in 0..<(superBlock / groupSize) {
            var sum: Int32 = 0
            for k in stride(from: group * groupSize, to: (group + 1) * groupSize, by: 16) {
                sum &+= dotLanes(signedLanes(w, k), signedLanes(x, k))
            }
            total &+= sum &* scale(group)
        }
        return total
    }

    /// Runs `body` with a scratch buffer for one super-block's decoded codes.
    @inline(__always)
    static func withCodes<R>(_ body: (UnsafeMutablePointer<Int8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Int8.self, capacity: superBlock) { body($0.baseAddress!) }
    }

    /// The Q8_K activation block's scale, codes and per-16 sums.
    @inline(__always)
    static func activation(_ block: UnsafeRawPointer) -> (d: Float, codes: UnsafePointer<Int8>, sums: UnsafePointer<Int16>) {
        (block.loadUnaligned(as: Float.self), codes(block, 4), (block + 260).assumingMemoryBound(to: Int16.self))
    }
}

/// Q4_K and Q5_K differ only in the fifth bit of each code: both store scale, minimum and
/// 8 sub-blocks of 32 values with 6-bit scales and minimums; value = d·sc·code − dmin·m.
protocol KQuantWithMinimum: BlockFormat {
    /// Offset of the 4-bit codes in the block.
    static var lowBitsOffset: Int { get }
    /// Writes the block's 256 codes (0..<32) to `q`.
    static func decodeCodes(_ block: UnsafeRawPointer, into q: UnsafeMutablePointer<Int8>)
}

extension KQuantWithMinimum {
    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block), dmin = f16At(block, 2)
        let packed = bytes(block, 4)
        KQuant.withCodes { q in
            decodeCodes(block, into: q)
            for sub in 0..<8 {
                let (sc, m) = KQuant.scaleAndMin(packed, sub)
                let scale = d * Float(sc), minimum = dmin * Float(m)
                for k in (sub * 32)..<(sub * 32 + 32) { y[k] = scale * Float(q[k]) - minimum }
            }
        }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        let size = type.bytesPerBlock
        return KQuant.withCodes { q in
            var sum: Float = 0
            for block in 0..<blocks {
                let wb = w + block * size
                let (xd, xq, xs) = KQuant.activation(x + block * GGMLType.q8_K.bytesPerBlock)
                let packed = bytes(wb, 4)
                decodeCodes(wb, into: q)
                let sumi = KQuant.scaledSum(q, xq, groupSize: 32) { KQuant.scaleAndMin(packed, $0).scale }
                var summ: Int32 = 0
                for sub in 0..<8 {
                    summ &+= KQuant.scaleAndMin(packed, sub).min &* (Int32(xs[2 * sub]) &+ Int32(xs[2 * sub + 1]))
                }
                sum += (f16At(wb) * xd) * Float(sumi) - (f16At(wb, 2) * xd) * Float(summ)
            }
            return sum
        }
    }
}

/// Q4_K: d, dmin (f16), 12 packed scale bytes, 128 bytes of 4-bit codes (64-value chunks: low
/// nibbles are the first 32 values, high nibbles the next 32).
enum Q4_K: KQuantWithMinimum {
    static let type = GGMLType.q4_K
    static let lowBitsOffset = 16

    /// The plain twin of the x86 prompt kernels (interleaved_q4_k.h, two or more activation
    /// rows): per super-block the exact integer sums Σ scale·Σ code·x and Σ min·Σ x, each added
    /// with one fused multiply-add (by x_d·d, then by −(x_d·dmin)). Tests hold every x86 path to
    /// these bits.
    static func promptDot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        KQuant.withCodes { q in
            var sum: Float = 0
            for block in 0..<blocks {
                let wb = w + block * type.bytesPerBlock
                let (xd, xq, xs) = KQuant.activation(x + block * GGMLType.q8_K.bytesPerBlock)
                let packed = bytes(wb, 4)
                decodeCodes(wb, into: q)
                let sumi = KQuant.scaledSum(q, xq, groupSize: 32) { KQuant.scaleAndMin(packed, $0).scale }
                var summ: Int32 = 0
                for sub in 0..<8 {
                    summ &+= KQuant.scaleAndMin(packed, sub).min &* (Int32(xs[2 * sub]) &+ Int32(xs[2 * sub + 1]))
                }
                sum = sum.addingProduct(Float(sumi), xd * f16At(wb))
                sum = sum.addingProduct(Float(summ), -(xd * f16At(wb, 2)))
            }
            return sum
        }
    }

    static func decodeCodes(_ block: UnsafeRawPointer, into q: UnsafeMutablePointer<Int8>) {
        let low = bytes(block, lowBitsOffset)
        for chunk in 0..<4 {
            for l in 0..<32 {
                let byte = low[chunk * 32 + l]
                q[chunk * 64 + l] = Int8(byte & 0x0f)
                q[chunk * 64 + 32 + l] = Int8(byte >> 4)
            }
        }
    }
}

/// Q5_K: Q4_K's layout plus 32 bytes of fifth bits (chunk c uses bits 2c and 2c+1).
enum Q5_K: KQuantWithMinimum {
    static let type = GGMLType.q5_K
    static let lowBitsOffset = 48

    static func decodeCodes(_ block: UnsafeRawPointer, into q: UnsafeMutablePointer<Int8>) {
        let high = bytes(block, 16), low = bytes(block, lowBitsOffset)
        for chunk in 0..<4 {
            for l in 0..<32 {
                let byte = low[chunk * 32 + l]
                q[chunk * 64 + l] = Int8(byte & 0x0f) | Int8((high[l] >> (2 * chunk)) & 1) << 4
                q[chunk * 64 + 32 + l] = Int8(byte >> 4) | Int8((high[l] >> (2 * chunk + 1)) & 1) << 4
            }
        }
    }
}

/// Q6_K: 128 bytes of low 4 bits, 64 bytes of high 2 bits, 16 signed 8-bit scales (one per 16
/// values) and an f16 scale; value = d·sc·(code − 32).
enum Q6_K: BlockFormat {
    static let type = GGMLType.q6_K

    static func decodeCodes(_ block: UnsafeRawPointer, into q: UnsafeMutablePointer<Int8>) {
        for half in 0..<2 {
            let low = bytes(block, 64 * half), high = bytes(block, 128 + 32 * half)
            let out = q + 128 * half
            for l in 0..<32 {
                let h = high[l]
                out[l] = Int8((low[l] & 0x0f) | (h & 3) << 4) - 32
                out[l + 32] = Int8((low[l + 32] & 0x0f) | ((h >> 2) & 3) << 4) - 32
                out[l + 64] = Int8((low[l] >> 4) | ((h >> 4) & 3) << 4) - 32
                out[l + 96] = Int8((low[l + 32] >> 4) | ((h >> 6) & 3) << 4) - 32
            }
        }
    }

    static func dequantize(block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = f16At(block, 208)
        let scales = codes(block, 192)
        KQuant.withCodes { q in
            decodeCodes(block, into: q)
            for k in 0..<256 { y[k] = d * Float(scales[k / 16]) * Float(q[k]) }
        }
    }

    static func dot(_ w: UnsafeRawPointer, _ x: UnsafeRawPointer, blocks: Int) -> Float {
        KQuant.withCodes { q in
            var sum: Float = 0
            for block in 0..<blocks {
                let wb = w + block * 210
                let (xd, xq, _) = KQuant.activation(x + block * GGMLType.q8_K.bytesPerBlock)
                let scales = codes(wb, 192)
                decodeCodes(wb, into: q)
                let sumi = KQuant.scaledSum(q, xq, groupSize: 16) { Int32(scales[$0]) }
                sum += (f16At(wb, 208) * xd) * Float(sumi)
            }
            return sum
        }
    }
}
