// Softmax over a row of scores: subtract the maximum so exp cannot overflow, then normalise.

import Foundation

public enum Softmax {
    /// Replaces `values[0..<count]` with their softmax; the sum is kept in Double as ggml does.
    @inlinable
    public static func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        var maximum = -Float.infinity
        for i in 0..<count { maximum = max(maximum, values[i]) }
        var sum: Double = 0
        for i in 0..<count {
            let e = expf(values[i] - maximum)
            values[i] = e
            sum += Double(e)
        }
        let inverse = Float(1 / sum)
        for i in 0..<count { values[i] *= inverse }
    }

    public static func reference(_ values: [Float]) -> [Float] {
        let maximum = values.max() ?? 0
        let exps = values.map { Foundation.exp(Double($0) - Double(maximum)) }
        let sum = exps.reduce(0, +)
        return exps.map { Float($0 / sum) }
    }
}
