// Helpers the engine tests share: seeded random vectors and the normalised mean squared error
// that llama.cpp's test-backend-ops uses to compare a result with its reference.

@testable import Engine

enum TestNumbers {
    /// Reproducible values in -range...range.
    static func vector(_ count: Int, seed: UInt64, range: Float = 1) -> [Float] {
        var random = Engine.SeededRandom(seed: seed)
        return (0..<count).map { _ in Float(random.nextUnitInterval() * 2 - 1) * range }
    }

    /// Σ(a-b)² / Σb².
    static func nmse(_ actual: [Float], _ expected: [Float]) -> Double {
        var error = 0.0, norm = 0.0
        for (a, b) in zip(actual, expected) {
            error += (Double(a) - Double(b)) * (Double(a) - Double(b))
            norm += Double(b) * Double(b)
        }
        return norm == 0 ? error : error / norm
    }
}
