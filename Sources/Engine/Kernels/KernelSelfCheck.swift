// The self-test of the kernels on the machine they run on: every weight type's product on every
// kernel path this CPU supports, compared with the reference twin on synthetic matrices.

public enum KernelSelfCheck {
    /// One type on one path.
    public struct Outcome: Sendable, CustomStringConvertible {
        public let type: GGMLType
        public let path: KernelPath
        /// Normalised mean squared error of the path's products against the reference's.
        public let nmse: Double
        /// Whether the error is within the type's tolerance (NaN never is).
        public var passed: Bool { nmse < KernelSelfCheck.tolerance(for: type) }

        public init(type: GGMLType, path: KernelPath, nmse: Double) {
            self.type = type
            self.path = path
            self.nmse = nmse
        }

        public var description: String {
            "\(type) on \(path): \(passed ? "ok" : "WRONG") (NMSE \(nmse))"
        }
    }

    /// The path and the reference multiply the same weights with the same quantised activations,
    /// so only the order of their float sums differs (an NMSE near 1e-14); a kernel that loses
    /// precision lands far above. (llama.cpp's 5e-4 for matrix products covers float32 against
    /// quantised activations, which this check never compares.)
    public static let tolerance = 1e-10

    /// `tolerance`, except for Q4_1 and Q5_1: their Q8_1 activations store each block's sum
    /// rounded to f16, which the kernels use (as llama.cpp's do) for the weights' minimum and the
    /// reference, summing decoded values, does not: up to 2^-12 relative on that term.
    public static func tolerance(for type: GGMLType) -> Double {
        type == .q4_1 || type == .q5_1 ? 1e-8 : tolerance
    }

    /// The weight types with kernels, from the table of types.
    public static var types: [GGMLType] { GGMLType.computable }

    /// Checks `types` on `paths` with a 19-row matrix of 512 columns and 5 activation rows
    /// (odd sizes, so every tile shape and edge of the kernels runs).
    public static func run(types: [GGMLType] = types, paths: [KernelPath] = KernelPath.supported) -> [Outcome] {
        var outcomes: [Outcome] = []
        let rows = 19, columns = 512, batch = 5
        for type in types {
            guard let matrix = try? SyntheticMatrix(type: type, rows: rows, columns: columns, seed: 1234),
                  let x = try? QuantizedActivations(columns: columns, batch: batch, for: type)
            else {
                outcomes.append(contentsOf: paths.map { Outcome(type: type, path: $0, nmse: .nan) })
                continue
            }
            let input = SyntheticMatrix.activations(count: columns * batch, seed: 99)
            input.withUnsafeBufferPointer { x.quantize($0.baseAddress!) }
            var expected = [Float](repeating: 0, count: rows * batch)
            expected.withUnsafeMutableBufferPointer {
                ReferenceKernels.multiply(matrix.matrix, x, rows: 0..<rows, into: $0.baseAddress!, yStride: rows)
            }
            for path in paths {
                var actual = [Float](repeating: .nan, count: rows * batch)
                actual.withUnsafeMutableBufferPointer { y in
                    // Uneven row ranges, as threads would take them.
                    for range in [0..<3, 3..<4, 4..<17, 17..<19] {
                        MatrixProduct.multiply(matrix.matrix, x, rows: range, into: y.baseAddress!, yStride: rows, path: path)
                    }
                }
                outcomes.append(Outcome(type: type, path: path, nmse: normalisedError(actual, expected)))
            }
        }
        return outcomes
    }

    /// Σ(a−e)² / Σe²; NaN when any value is not finite.
    public static func normalisedError(_ actual: [Float], _ expected: [Float]) -> Double {
        var error = 0.0, power = 0.0
        for (a, e) in zip(actual, expected) {
            guard a.isFinite, e.isFinite else { return .nan }
            error += Double(a - e) * Double(a - e)
            power += Double(e) * Double(e)
        }
        return power == 0 ? error : error / power
    }
}
