// Kernel checks: for every weight type with a kernel and every kernel path this CPU runs (both
// read from the engine's own tables), the path's matrix product against the reference twin on
// every `KernelCase`; and each path's activation quantiser against the portable one.
import Engine
import Foundation

enum KernelChecks {
    /// One check per (type, path); its measure is the worst NMSE over the cases.
    static func products(paths: [KernelPath], types: [GGMLType] = KernelSelfCheck.types) -> [SelfTestCheck] {
        var checks: [SelfTestCheck] = []
        for type in types {
            var worst = [KernelPath: (nmse: Double, name: String)]()
            var seconds = [KernelPath: Double]()
            for (index, kernelCase) in KernelCase.all.enumerated() {
                guard let prepared = try? Prepared(type: type, kernelCase: kernelCase, seed: UInt64(index + 1) * 7919) else {
                    for path in paths { worst[path] = (.nan, kernelCase.name) }
                    continue
                }
                for path in paths {
                    let started = Clock.now
                    let nmse = prepared.error(on: path)
                    seconds[path, default: 0] += Clock.since(started)
                    // NaN is the worst of all and stays.
                    if let previous = worst[path], previous.nmse.isNaN || nmse <= previous.nmse { continue }
                    worst[path] = (nmse, kernelCase.name)
                }
            }
            for path in paths {
                let (nmse, caseName) = worst[path] ?? (.nan, "none")
                let limit = Limits.product(type)
                let passed = SelfTestCheck.below(nmse, limit)
                let detail = passed
                    ? "\(KernelCase.all.count) cases against the reference; worst: \(caseName)"
                    : "wrong results on the \(caseName) case (NMSE \(Format.number(nmse)), limit \(Format.number(limit)))"
                checks.append(SelfTestCheck(
                    group: .kernel, name: "\(type) product on \(path)", path: path.rawValue, passed: passed,
                    measured: nmse, limit: limit, detail: detail, seconds: seconds[path] ?? 0))
            }
        }
        return checks
    }

    /// Each path's activation quantiser must write exactly the portable quantiser's bytes.
    static func quantizers(paths: [KernelPath]) -> [SelfTestCheck] {
        let activationTypes = Array(Set(KernelSelfCheck.types.compactMap(\.activationType))).sorted { $0.rawValue < $1.rawValue }
        var checks: [SelfTestCheck] = []
        for path in paths where path != .portable {
            let started = Clock.now
            var differing: [String] = []
            for type in activationTypes {
                let weightType = KernelSelfCheck.types.first { $0.activationType == type }!
                for kernelCase in KernelCase.all {
                    let columns = kernelCase.columns(for: weightType)
                    let values = kernelCase.makeActivations(count: columns * kernelCase.batch, seed: 4242)
                    guard let portable = try? QuantizedActivations(columns: columns, batch: kernelCase.batch, for: weightType),
                          let fast = try? QuantizedActivations(columns: columns, batch: kernelCase.batch, for: weightType)
                    else { differing.append("\(type)"); continue }
                    values.withUnsafeBufferPointer {
                        portable.quantize($0.baseAddress!, path: .portable)
                        fast.quantize($0.baseAddress!, path: path)
                    }
                    let same = (0..<kernelCase.batch).allSatisfy { Array(portable.bytes(ofRow: $0)) == Array(fast.bytes(ofRow: $0)) }
                    if !same { differing.append("\(type) (\(kernelCase.name))") }
                }
            }
            let passed = differing.isEmpty
            checks.append(SelfTestCheck(
                group: .quantizer, name: "activation quantiser on \(path)", path: path.rawValue, passed: passed,
                measured: nil, limit: nil,
                detail: passed ? "same bytes as the portable quantiser for \(activationTypes.map(\.description).joined(separator: ", "))"
                               : "different bytes from the portable quantiser: \(differing.joined(separator: ", "))",
                seconds: Clock.since(started)))
        }
        return checks
    }

    /// One case's weights and activations, quantised once by the portable quantiser so the
    /// path and the reference multiply exactly the same numbers, and the reference's answer.
    private struct Prepared {
        let weights: SyntheticMatrix
        let activations: QuantizedActivations
        let expected: [Float]
        let rows: Int

        init(type: GGMLType, kernelCase: KernelCase, seed: UInt64) throws {
            let weights = try kernelCase.makeWeights(type, seed: seed)
            let rows = kernelCase.rows
            let columns = weights.matrix.columns
            let activations = try QuantizedActivations(columns: columns, batch: kernelCase.batch, for: type)
            let input = kernelCase.makeActivations(count: columns * kernelCase.batch, seed: seed ^ 0x5EED)
            input.withUnsafeBufferPointer { activations.quantize($0.baseAddress!, path: .portable) }
            var expected = [Float](repeating: 0, count: rows * kernelCase.batch)
            expected.withUnsafeMutableBufferPointer {
                ReferenceKernels.multiply(weights.matrix, activations, rows: 0..<rows, into: $0.baseAddress!, yStride: rows)
            }
            self.weights = weights
            self.activations = activations
            self.expected = expected
            self.rows = rows
        }

        /// NMSE of `path`'s product, computed in uneven row ranges as threads would take them.
        func error(on path: KernelPath) -> Double {
            var actual = [Float](repeating: .nan, count: expected.count)
            let (w, x, rows) = (weights.matrix, activations, rows)
            let cuts = [0, min(rows, 3), min(rows, 4), max(min(rows, 4), rows - 2), rows]
            actual.withUnsafeMutableBufferPointer { y in
                for (start, end) in zip(cuts, cuts.dropFirst()) where start < end {
                    MatrixProduct.multiply(w, x, rows: start..<end, into: y.baseAddress!, yStride: rows, path: path)
                }
            }
            return KernelSelfCheck.normalisedError(actual, expected)
        }
    }
}
