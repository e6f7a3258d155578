// Test material for the kernel tests: random and edge-case weight blocks, a float64 decoder
// written independently of the engine's, and the NMSE measure llama.cpp's tests use.
@testable import Engine

/// The engine's reproducible generator, with the draws these tests need.
extension SplitMix {
    init(seed: UInt64) { self.init(state: seed) }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
    mutating func uniform(_ range: ClosedRange<Float>) -> Float {
        range.lowerBound + (range.upperBound - range.lowerBound) * Float(next() >> 40) / Float(1 << 24)
    }
}

/// How the blocks of a test matrix are filled.
enum BlockFill: CaseIterable {
    case random
    case zero
    /// Scales at the largest finite f16, codes random.
    case maximalScales
}

/// Bytes of a `rows` × `columns` matrix of `type` whose codes are random and whose f16 scales
/// are finite (a random f16 bit pattern could be a NaN, which says nothing about the kernels).
func makeWeights(_ type: GGMLType, rows: Int, columns: Int, fill: BlockFill, seed: UInt64) -> [UInt8] {
    var random = SplitMix(seed: seed)
    let blocks = rows * columns / type.blockSize
    let size = type.bytesPerBlock
    var data = [UInt8](repeating: 0, count: blocks * size)
    if case .zero = fill { return data }
    for i in data.indices { data[i] = random.byte() }
    func scale() -> UInt16 {
        if case .maximalScales = fill { return 0x7BFF }
        return HalfFloat.f16(from: random.uniform(-0.05...0.05))
    }
    func put(_ value: UInt16, _ offset: Int) {
        data[offset] = UInt8(value & 0xff)
        data[offset + 1] = UInt8(value >> 8)
    }
    for block in 0..<blocks {
        let base = block * size
        switch type {
        case .f32:
            let bits = random.uniform(-2...2).bitPattern
            for k in 0..<4 { data[base + k] = UInt8(truncatingIfNeeded: bits >> (8 * UInt32(k))) }
        case .f16: put(HalfFloat.f16(from: random.uniform(-2...2)), base)
        case .bf16: put(HalfFloat.bf16(from: random.uniform(-2...2)), base)
        case .q4_0, .q5_0, .q8_0: put(scale(), base)
        case .q4_1, .q5_1, .q4_K, .q5_K: put(scale(), base); put(scale(), base + 2)
        case .q6_K: put(scale(), base + 208)
        default: break
        }
    }
    return data
}

/// Row `row`'s values in float64, decoded straight from ggml's block layouts.
func decodeInDoubles(_ data: [UInt8], type: GGMLType, row: Int, columns: Int) -> [Double] {
    let size = type.bytesPerBlock, n = type.blockSize
    let start = row * columns / n * size
    func half(_ o: Int) -> Double { Double(HalfFloat.float(fromF16: UInt16(data[o]) | UInt16(data[o + 1]) << 8)) }
    func word(_ o: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(data[o + $1]) << (8 * UInt32($1)) } }
    func signed(_ o: Int) -> Double { Double(Int8(bitPattern: data[o])) }
    var out: [Double] = []
    for block in 0..<(columns / n) {
        let b = start + block * size
        switch type {
        case .f32: out.append(Double(Float(bitPattern: word(b))))
        case .f16: out.append(half(b))
        case .bf16: out.append(Double(Float(bitPattern: UInt32(data[b]) << 16 | UInt32(data[b + 1]) << 24)))
        case .q8_0: for j in 0..<32 { out.append(half(b) * signed(b + 2 + j)) }
        case .q4_0, .q4_1, .q5_0, .q5_1:
            let hasMin = type == .q4_1 || type == .q5_1
            let fifth = type == .q5_0 || type == .q5_1
            let d = half(b), m = hasMin ? half(b + 2) : 0
            let high = fifth ? word(b + (hasMin ? 4 : 2)) : 0
            let qs = b + (hasMin ? 4 : 2) + (fifth ? 4 : 0)
            for j in 0..<32 {
                let nibble = j < 16 ? data[qs + j] & 15 : data[qs + j - 16] >> 4
                let code = Double(nibble) + (fifth ? Double((high >> UInt32(j)) & 1) * 16 : 0)
                out.append(hasMin ? d * code + m : d * (code - (fifth ? 16 : 8)))
            }
        case .q4_K, .q5_K:
            let d = half(b), dmin = half(b + 2)
            let qs = b + (type == .q5_K ? 48 : 16)
            for k in 0..<256 {
                let sub = k / 32, l = k % 32, chunk = k / 64
                let byte = data[qs + chunk * 32 + l]
                var code = Double(sub % 2 == 0 ? byte & 15 : byte >> 4)
                if type == .q5_K { code += Double((data[b + 16 + l] >> UInt8(sub)) & 1) * 16 }
                let s = b + 4
                let sc: UInt8, mn: UInt8
                if sub < 4 {
                    sc = data[s + sub] & 63; mn = data[s + sub + 4] & 63
                } else {
                    sc = (data[s + sub + 4] & 15) | (data[s + sub - 4] >> 6) << 4
                    mn = (data[s + sub + 4] >> 4) | (data[s + sub] >> 6) << 4
                }
                out.append(d * Double(sc) * code - dmin * Double(mn))
            }
        case .q6_K:
            let d = half(b + 208)
            for k in 0..<256 {
                let half128 = k / 128, t = (k % 128) / 32, l = k % 32
                let lowByte = data[b + 64 * half128 + l + (t % 2 == 1 ? 32 : 0)]
                let low = t < 2 ? lowByte & 15 : lowByte >> 4
                let high = (data[b + 128 + 32 * half128 + l] >> UInt8(2 * t)) & 3
                let code = Double(Int(low | high << 4) - 32)
                out.append(d * signed(b + 192 + k / 16) * code)
            }
        default: break
        }
    }
    return out
}

/// Σ(a−b)² / Σb², the normalised mean squared error of llama.cpp's test-backend-ops.
func nmse(_ actual: [Double], _ expected: [Double]) -> Double {
    var error = 0.0, power = 0.0
    for (a, e) in zip(actual, expected) {
        error += (a - e) * (a - e)
        power += e * e
    }
    return power == 0 ? error : error / power
}

/// Random activations, with a few large outliers as real hidden states have.
func makeActivations(count: Int, seed: UInt64) -> [Float] {
    var random = SplitMix(seed: seed)
    return (0..<count).map { i in random.uniform(-1...1) * (i % 97 == 5 ? 20 : 1) }
}

/// The weight types that have kernels.
let kernelTypes: [GGMLType] = [.f32, .f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K]

/// The kernel paths the tests run: those this CPU supports. The first use prints which paths
/// ran and which this CPU lacks (with what they need), so a path never tested here is visible in
/// the log rather than skipped in silence.
let testedKernelPaths: [KernelPath] = {
    let unavailable = KernelPath.unsupported.map { "\($0) (needs \($0.needs))" }
    print("kernel paths tested on this CPU: \(KernelPath.supported.map(\.rawValue).joined(separator: ", ")); "
        + "unavailable here: \(unavailable.isEmpty ? "none" : unavailable.joined(separator: "; "))")
    return KernelPath.supported
}()
